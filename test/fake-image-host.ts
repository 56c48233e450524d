import { FAKE_OPENVERSE_ORIGIN, fakeOpenverse } from "./fake-openverse.ts";

/**
 * Stands in for the third-party image hosts the Worker fetches from (the only faked part of the
 * tests). Runs on vitest's Node side: real image bytes from disk, plus misbehaving servers.
 * Host: https://img.test/<folder>/<file>, plus the fake Openverse API (fake-openverse.ts) when
 * given its fixture reader; anything else is refused so no test reaches the network.
 */
export const FAKE_HOST = "https://img.test";

type Reader = (name: string) => Promise<Uint8Array>;

export function fakeImageHost(folders: Record<string, Reader>, apis: { openverse?: Reader } = {}) {
  const openverse = apis.openverse ? fakeOpenverse(apis.openverse) : undefined;
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (openverse && url.origin === FAKE_OPENVERSE_ORIGIN) return openverse(request);
    if (url.origin !== FAKE_HOST) return new Response(`unexpected outbound request to ${url.origin}`, { status: 599 });
    const path = url.pathname.slice(1);
    const status = /^status\/(\d{3})$/.exec(path);
    if (status) return new Response(`status ${status[1]}`, { status: Number(status[1]) });
    if (path === "slow") return new Promise((resolve) => setTimeout(() => resolve(new Response("late")), 5_000));
    if (path === "redirect-to-private") return Response.redirect("http://127.0.0.1/secret.jpg", 302);
    if (path === "redirect-to-dog") return Response.redirect(`${FAKE_HOST}/photos/dog.jpg`, 301);
    if (path === "html") return new Response("<!doctype html><title>not an image</title>", { headers: { "content-type": "image/jpeg" } });
    if (path === "bomb.png") return new Response(pngHeaderOnly(60_000, 60_000));
    if (path.startsWith("truncated/")) {
      const bytes = await folders["photos/"]!(path.slice("truncated/".length));
      return new Response(bytes.slice(0, bytes.length >> 1));
    }
    if (path === "stream-4mb") {
      const chunk = new Uint8Array(64 * 1024).fill(0xff);
      let sent = 0;
      return new Response(
        new ReadableStream({
          pull: (controller) => (sent++ < 64 ? controller.enqueue(chunk) : controller.close()),
        }),
      );
    }
    for (const [prefix, read] of Object.entries(folders)) {
      if (!path.startsWith(prefix)) continue;
      try {
        const bytes = await read(decodeURIComponent(path.slice(prefix.length)));
        return new Response(bytes, { headers: { "content-type": "application/octet-stream" } });
      } catch {
        return new Response("not found", { status: 404 });
      }
    }
    return new Response("not found", { status: 404 });
  };
}

/** A valid PNG signature, IHDR and IEND with no pixel data: a decompression bomb's header. */
function pngHeaderOnly(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(8 + 25 + 12);
  const view = new DataView(bytes.buffer);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  view.setUint32(8, 13);
  bytes.set([0x49, 0x48, 0x44, 0x52], 12);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  bytes.set([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82], 37);
  return bytes;
}
