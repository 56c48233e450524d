/**
 * The page as a person uses it, in Debian's Chromium against the real service (wrangler, local
 * workerd, a Tux Paint catalogue loaded through signed webhooks): a query, an upload with
 * progress, failing images, and the embeddable snippet on another origin. Screenshots go to
 * test-output/.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { brokenImages, launchChromium, screenshot } from "./browser.ts";
import { DATA, loadCatalogue, startService, type Service } from "./service.ts";

let service: Service;
let browser: Browser;
const pageErrors: string[] = [];

async function openPage(options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: options.width ?? 1280, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return page;
}

const photos = (...names: string[]) => names.map((n) => join(DATA, "photos", `${n}.jpg`));

before(async () => {
  service = await startService();
  const loaded = await loadCatalogue(service.base);
  console.log(`e2e: service at ${service.base}, ${loaded} catalogue images indexed`);
  browser = await launchChromium();
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await service?.dispose();
});

describe("the page in Chromium", { timeout: 180_000 }, () => {
  it("(a) a catalogue query typed on the keyboard shows clusters whose images loaded", async () => {
    const page = await openPage();
    await page.goto(`${service.base}/`);
    await page.locator("#q").focus();
    await page.keyboard.type("tuxpaint");
    await page.locator("#source").selectOption("catalogue");
    await page.locator("#query-k").selectOption("3");
    await page.locator("#q").focus();
    await Promise.all([page.waitForURL(/\?q=tuxpaint/), page.keyboard.press("Enter")]);
    assert.equal(await page.locator(".cluster").count(), 3);
    assert.equal(await page.locator(".strip li").count(), 3);
    assert.equal(await page.locator(".grid .tile").count(), 20);
    assert.match((await page.locator(".cluster .meta").first().innerText()) ?? "", /\d+ images · cohesion 0\.\d\d/);
    assert.equal(await page.locator(".grid img[loading=lazy]").count(), 20);
    assert.deepEqual(await brokenImages(page, "#results"), []);
    const loaded = await page.$$eval("#results img", (images) => (images as HTMLImageElement[]).filter((i) => i.naturalWidth > 0).length);
    assert.ok(loaded >= 20, `only ${loaded} images have pixels`);
    console.log(`e2e: screenshot ${await screenshot(page, "e2e-query")}`);

    const phone = await openPage({ javaScriptEnabled: false, width: 390 });
    await phone.goto(`${service.base}/?q=tuxpaint&source=catalogue&k=3`);
    assert.equal(await phone.locator(".cluster").count(), 3, "the result is server-rendered: no JavaScript needed");
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the phone layout is ${overflow}px wider than the screen`);
    console.log(`e2e: screenshot ${await screenshot(phone, "e2e-query-phone-nojs")}`);
  });

  it("(b) an upload of five photos shows clusters, and the progress bar reaches the end", async () => {
    const page = await openPage();
    await page.goto(`${service.base}/`);
    await page.locator("#files").setInputFiles(photos("dog", "eagle", "giraffe", "horses", "kite"));
    assert.equal(await page.locator("#chosen li").count(), 5);
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { seen: number[] }).seen = seen;
      const bar = document.getElementById("progress-bar") as HTMLProgressElement;
      const observer = new MutationObserver((records) => {
        for (const record of records.slice(1)) seen.push(Number(record.oldValue));
        seen.push(bar.value);
      });
      observer.observe(bar, { attributes: true, attributeFilter: ["value"], attributeOldValue: true });
    });
    await page.locator("#upload-submit").focus();
    await page.keyboard.press("Enter");
    await page.locator("#results [data-state=result]").waitFor({ timeout: 120_000 });
    const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
    assert.ok(seen.some((v) => v > 0 && v < 100), `no progress between start and end: ${seen.join(", ")}`);
    assert.equal(await page.locator("#progress-bar").evaluate((b) => [(b as HTMLProgressElement).value, (b as HTMLProgressElement).max].join("/")), "100/100");
    assert.equal(await page.locator("#progress-text").innerText(), "Done.");
    assert.ok((await page.locator(".cluster").count()) >= 2);
    assert.equal(await page.locator(".grid .tile").count(), 5);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "results-heading", "focus moves to the result");
    assert.deepEqual(await brokenImages(page, "#results"), []);
    console.log(`e2e: progress values ${seen.map((v) => Math.round(v)).join(", ")}`);
    console.log(`e2e: screenshot ${await screenshot(page, "e2e-upload")}`);
  });

  it("(c) failing images are named in plain sentences, the others still clustered", async () => {
    const dir = mkdtempSync(join(tmpdir(), "semclust-e2e-bad-"));
    writeFileSync(join(dir, "x.jpg"), "this is a text file, not a picture\n");
    const person = readFileSync(photos("person")[0]!);
    writeFileSync(join(dir, "half.jpg"), person.subarray(0, person.length >> 1));
    const page = await openPage();
    await page.goto(`${service.base}/`);
    await page.locator("#files").setInputFiles([...photos("dog", "scream"), join(dir, "x.jpg"), join(dir, "half.jpg")]);
    await page.locator("#upload-submit").click();
    await page.locator("#results [data-state=result]").waitFor({ timeout: 120_000 });
    const sentences = await page.locator(".image-errors li").allInnerTexts();
    assert.deepEqual(sentences.sort(), [
      "“half.jpg” could not be used: JPEG data ends before its end-of-image marker.",
      "“x.jpg” could not be used: not a JPEG, PNG or WebP image (checked by its first bytes).",
    ]);
    assert.equal(await page.locator(".grid .tile").count(), 2);
    console.log(`e2e: screenshot ${await screenshot(page, "e2e-failing-image")}`);

    await page.locator("#chosen button").first().waitFor();
    while ((await page.locator("#chosen button").count()) > 0) await page.locator("#chosen button").first().click();
    await page.locator("#files").setInputFiles([join(dir, "x.jpg")]);
    await page.locator("#upload-submit").click();
    await page.locator("#results [data-state=error]").waitFor({ timeout: 60_000 });
    const text = await page.locator("#results").innerText();
    assert.match(text, /None of the images could be used\./);
    assert.match(text, /“x\.jpg” could not be used: not a JPEG, PNG or WebP image/);
    assert.doesNotMatch(text, /\bat \S+:\d+|Error:|stack/i);
    console.log(`e2e: screenshot ${await screenshot(page, "e2e-all-failed")}`);
  });

  it("(d) the embeddable snippet shows a query's meanings on another origin, over CORS", async () => {
    const snippet = `<!doctype html><title>A static site</title><h1>Our pictures</h1>
      <div data-semclust-query="tuxpaint" data-semclust-source="catalogue" data-semclust-clusters="3"></div>
      <script src="${service.base}/embed.js" async></script>`;
    const site: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(snippet));
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = site.address() as { port: number };
      const page = await openPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      const host = page.locator("[data-semclust-query]");
      await host.locator("li").first().waitFor({ timeout: 60_000 });
      assert.equal(await host.locator("li").count(), 3);
      assert.match(await host.locator("h2").innerText(), /Meanings of “tuxpaint”/);
      await page.waitForFunction(() => {
        const images = document.querySelector("[data-semclust-query]")?.shadowRoot?.querySelectorAll("img") ?? [];
        return images.length > 0 && [...images].every((i) => i.complete);
      });
      const pixels = await host.locator("img").evaluateAll((images) => (images as HTMLImageElement[]).map((i) => i.naturalWidth));
      assert.ok(pixels.length === 3 && pixels.every((w) => w > 0), `embedded images: ${pixels.join(", ")}`);
      console.log(`e2e: screenshot ${await screenshot(page, "e2e-embed")}`);
    } finally {
      site.close();
    }
  });

  it("raised no uncaught script errors on any page", () => {
    assert.deepEqual(pageErrors, []);
  });
});
