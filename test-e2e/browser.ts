/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags this
 * machine needs: no sandbox as root, and no background networking, which the closed network
 * would refuse. Playwright gives every launch a fresh, empty profile.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ROOT } from "./service.ts";

/** Debian's package puts it here; CHROMIUM_PATH overrides it for other machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Screenshots for people to look at; gitignored. */
export const OUTPUT = join(ROOT, "test-output");

/** Headless, with a fresh profile per launch; fails with the install command when Chromium is absent. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  mkdirSync(OUTPUT, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Scrolls to the end in steps so every lazy image gets its turn, then back to the top. */
export async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 50));
    }
    window.scrollTo(0, 0);
  });
}

/** Waits until every `<img>` under `selector` has finished; returns those that have no pixels. */
export async function brokenImages(page: Page, selector: string): Promise<string[]> {
  await scrollThrough(page);
  await page.waitForFunction((s) => [...document.querySelectorAll<HTMLImageElement>(`${s} img`)].every((i) => i.complete), selector, {
    timeout: 30_000,
  });
  return page.$$eval(`${selector} img`, (images) => (images as HTMLImageElement[]).filter((i) => i.naturalWidth === 0).map((i) => i.src));
}

/** Saves a full-page screenshot under test-output/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(OUTPUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
