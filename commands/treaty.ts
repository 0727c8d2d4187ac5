import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { findTreaty, matchedOn, suggestTreaties } from "../src/core/answers.ts";
import { truncate } from "../src/core/text.ts";
import type { Command } from "./index.ts";

/** `/treaty name:<autocomplete>`: a short, sourced summary of one treaty. */
export const treatyCommand = {
  definition: {
    name: "treaty",
    description: "A short, sourced summary of an arms-control treaty",
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        name: "name",
        description: "Name, abbreviation or alias: CFE, New START, ДРСМД, landmine ban...",
        type: ApplicationCommandOptionType.String,
        required: true,
        autocomplete: true,
        max_length: 200,
      },
    ],
  },
  run(ctx, input) {
    return findTreaty(ctx.library, input.string("name") ?? "");
  },
  autocomplete(ctx, focused) {
    // Values are treaty ids, so picking a suggestion always answers that exact treaty.
    return suggestTreaties(ctx.library, focused.value, 25).map((hit) => ({
      name: truncate(`${hit.treaty.abbreviation}: ${hit.treaty.name}${hit.kind !== "exact" && matchedOn(hit) ? ` (${hit.label})` : ""}`, 100),
      value: hit.treaty.id,
    }));
  },
} satisfies Command;
