import { ApplicationCommandType } from "discord-api-types/v10";
import { about } from "../src/core/answers.ts";
import type { Command } from "./index.ts";

/** `/about`: data version, counts, sources, and how to report an error. */
export const aboutCommand = {
  definition: {
    name: "about",
    description: "What this bot knows, where its facts come from, and how to report a mistake",
    type: ApplicationCommandType.ChatInput,
  },
  run(ctx) {
    return about(ctx.library.catalog, ctx.reportTo);
  },
} satisfies Command;
