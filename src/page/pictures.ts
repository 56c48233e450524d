import type { QueryResponse } from "../schemas/query.ts";

/** How one image is shown: where its pixels are, what it is called, where it links, whose it is. */
export interface Picture {
  src: string;
  title?: string;
  href?: string;
  credit?: string;
}

/** Pictures by image id, so every part of the result shows the same image the same way. */
export type Pictures = Record<string, Picture>;

/** Only addresses an `<img>` may safely point at: web, same-site and the page's own blob URLs. */
export function isSafeImageSrc(src: string): boolean {
  return /^(https?:\/\/|\/(?!\/)|blob:https?:\/\/)/iu.test(src);
}

/** A query's hits, thumbnails first (smaller), with attribution as the source gives it. */
export function picturesFromHits(hits: QueryResponse["hits"]): Pictures {
  const pictures: Pictures = {};
  for (const hit of hits) {
    const credit = [hit.creator && `by ${hit.creator}`, hit.license && hit.license.toUpperCase()].filter(Boolean).join(", ");
    pictures[hit.id] = {
      src: hit.thumbnail ?? hit.url,
      ...(hit.title ? { title: hit.title } : {}),
      href: hit.landingUrl ?? hit.url,
      ...(credit ? { credit } : {}),
    };
  }
  return pictures;
}

/** The picture for an id, falling back to the image's own URL when nothing better is known. */
export function pictureOf(pictures: Pictures, id: string, url?: string): Picture | undefined {
  const known = pictures[id];
  if (known && isSafeImageSrc(known.src)) return known;
  if (url && isSafeImageSrc(url)) return { src: url };
  return undefined;
}
