// Structured logs to standard error (never mixed into --json output), with secrets redacted.
import { pino, type Logger } from "pino";

export type { Logger };

const secrets = new Set<string>();

/** Registers a secret (the bot token): it is replaced in every log line from then on. */
export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 8) secrets.add(secret);
}

/** Replaces every registered secret in a string. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join("[REDACTED]");
  return out;
}

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ["token", "*.token", "headers.authorization", "*.headers.authorization", "config.DISCORD_TOKEN"], censor: "[REDACTED]" },
      hooks: {
        // Secrets can hide anywhere (an error message quoting a URL with the token): scrub the whole line.
        streamWrite: (line) => redact(line),
      },
    },
    destination as pino.DestinationStream,
  );
}
