import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { whoSaid } from "../src/core/answers.ts";
import type { Command } from "./index.ts";

/** `/who said quote:<words>`: who said it, when, and where it was published. */
export const whoCommand = {
  definition: {
    name: "who",
    description: "Find who said something about arms control",
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        name: "said",
        description: "Find a quote from a fragment, a paraphrase, or a speaker and a topic",
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          {
            name: "quote",
            description: "The words you remember, e.g. 'cornerstone for European security'",
            type: ApplicationCommandOptionType.String,
            required: true,
            max_length: 500,
          },
        ],
      },
    ],
  },
  run(ctx, input) {
    return whoSaid(ctx.library, input.string("quote") ?? "");
  },
} satisfies Command;
