import type { ClusterResponse } from "../schemas/cluster.ts";
import { isSafeImageSrc, pictureOf, type Pictures } from "./pictures.ts";

/** Everything a part of the result needs to draw an image by its id. */
export interface ResultContext {
  result: ClusterResponse;
  pictures: Pictures;
  clusterOf: Map<string, number>;
  urlOf: Map<string, string | undefined>;
}

/** Builds the lookups once per render instead of once per thumbnail. */
export function resultContext(result: ClusterResponse, pictures: Pictures): ResultContext {
  return {
    result,
    pictures,
    clusterOf: new Map(result.images.map((image) => [image.id, image.cluster])),
    urlOf: new Map(result.images.map((image) => [image.id, image.url])),
  };
}

/** A hue per cluster, far apart for neighbouring indices (golden angle). */
export const hueStyle = (cluster: number | undefined) => (cluster === undefined ? "" : `--hue:${Math.round((cluster * 137.508) % 360)}`);

/** The title people see for an image: its picture's title or its id. */
export const titleOf = (ctx: ResultContext, id: string) => ctx.pictures[id]?.title ?? id;

/**
 * One image, lazy-loaded with its size reserved, or its name when there is nothing safe to load;
 * `link` wraps it in a link to its page so it is reachable by keyboard.
 */
export function Thumb({ ctx, id, size, link }: { ctx: ResultContext; id: string; size: number; link?: boolean }) {
  const picture = pictureOf(ctx.pictures, id, ctx.urlOf.get(id));
  const title = titleOf(ctx, id);
  const image = picture ? (
    <img src={picture.src} alt={title} title={title} loading="lazy" decoding="async" width={size} height={size} data-id={id} />
  ) : (
    <span class="missing" style={`width:${size}px;height:${size}px`}>
      {title}
    </span>
  );
  const href = picture?.href;
  return link && href && isSafeImageSrc(href) ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {image}
    </a>
  ) : (
    image
  );
}
