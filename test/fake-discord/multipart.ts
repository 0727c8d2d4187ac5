export interface MultipartPart {
  /** Form field name, e.g. `payload_json` or `files[0]`. */
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The boundary of a multipart/form-data content type, if any. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? "").trim() || null : null;
}

/** Splits a multipart/form-data body into its parts (binary safe). */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const parts: MultipartPart[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    pos += delimiter.length;
    // "--" right after a delimiter marks the end of the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf("\r\n\r\n", pos);
    if (headerEnd === -1) break;
    const headers = body.subarray(pos, headerEnd).toString("utf8");
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next === -1) break;
    // The CRLF before the next delimiter belongs to the delimiter.
    const dataEnd = next >= 2 && body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next;
    const data = Buffer.from(body.subarray(headerEnd + 4, dataEnd));
    const part: MultipartPart = { name: "", data };
    for (const line of headers.split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon === -1) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === "content-disposition") {
        const name = /\bname="((?:[^"\\]|\\.)*)"/i.exec(value);
        const filename = /\bfilename="((?:[^"\\]|\\.)*)"/i.exec(value);
        if (name?.[1] !== undefined) part.name = name[1];
        if (filename?.[1] !== undefined) part.filename = filename[1];
      } else if (key === "content-type") {
        part.contentType = value;
      }
    }
    parts.push(part);
    pos = next;
  }
  return parts;
}
