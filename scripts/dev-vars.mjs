// Gives a fresh clone working local secrets: copies .dev.vars.example to .dev.vars once.
import { copyFileSync, existsSync } from "node:fs";

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("dev: wrote .dev.vars from .dev.vars.example (local-only secrets)");
}
