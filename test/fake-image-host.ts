/**
 * Stands in for the third-party image hosts the Worker fetches from (the only faked part of the
 * tests). Runs on vitest's Node side: real image bytes from disk, plus misbehaving servers.
 * Host: https://img.test/<folder>/<file>; anything else is refused so no test reaches the network.
 */
export const FAKE_HOST = "https://img.test";

type Reader = (name: string) => Promise<Uint8Array>;

export function fakeImageHost(folders: Record<string, Reader>) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.origin !== FAKE_HOST) return new Response(`unexpected outbound request to ${url.origin}`, { status: 599 });
    const path = url.pathname.slice(1);
    if (path === "status/404") return new Response("not found", { status: 404 });
    if (path === "slow") return new Promise((resolve) => setTimeout(() => resolve(new Response("late")), 5_000));
    if (path === "redirect-to-private") return Response.redirect("http://127.0.0.1/secret.jpg", 302);
    if (path === "redirect-to-dog") return Response.redirect(`${FAKE_HOST}/photos/dog.jpg`, 301);
    if (path === "html") return new Response("<!doctype html><title>not an image</title>", { headers: { "content-type": "image/jpeg" } });
    if (path === "endless") {
      const chunk = new Uint8Array(64 * 1024).fill(0xff);
      return new Response(new ReadableStream({ pull: (controller) => controller.enqueue(chunk) }));
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
