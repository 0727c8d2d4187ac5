/** What strangers type: every mention form, markdown, control and direction characters, floods, broken Unicode. */
export const HOSTILE = [
  "",
  "   \t  ",
  "x".repeat(6000),
  "\u0000\u0001\u0007\u001b[31mred",
  "zero\u200bwidth\u200d\u2060joiners\ufeff",
  "\u202eevil bidi\u202c \u2066isolate\u2069",
  `e${"\u0301".repeat(500)}`,
  "💣🚀☢️👨‍👩‍👧‍👦🏳️‍🌈",
  "\ud800 lone high \udc00 lone low",
  "**bold** __under__ ~~strike~~ ||spoiler|| `code` ```js\nalert(1)\n``` > quote # heading",
  "[click me](https://evil.example) <https://evil.example>",
  "@everyone @here <@123456789012345678> <@!123456789012345678> <@&123456789012345678> <#123456789012345678>",
  "</treaty:123> <t:0:R> <a:name:123>",
];
