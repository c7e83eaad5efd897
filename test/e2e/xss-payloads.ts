/**
 * Hostile consumer content for xss.spec.ts: every payload goes in as a consumer's first message, as
 * the consumer's first name and as the profile's email, phone and customer id. Anything that would
 * run calls `window.__xss.push('<name>')` (or alert, which the spec overrides to record), so a single
 * canary shows any execution, whichever surface let it through.
 *
 * `links`: the exact hrefs the message may render as anchors (http(s) only; nothing else may be an
 * anchor). `click`: the one link of the message is clicked; 'opens' → main's allow-check lets it
 * through and shell.openExternal gets `url` exactly once; 'refused' → it never reaches the shell (look-alike
 * IDN hosts are refused unless the user confirms main's question, whose default is not to open).
 */
export type PayloadCategory =
  | 'tag' | 'handler' | 'javascript-url' | 'other-scheme' | 'css' | 'template' | 'bidi' | 'homoglyph'
  | 'long-url' | 'markup-link' | 'breakout' | 'null-byte' | 'entity';

export interface Payload {
  name: string;
  category: PayloadCategory;
  text: string;
  links?: string[];
  click?: { expect: 'opens'; url: string } | { expect: 'refused' };
}

const x = (name: string): string => `window.__xss.push('${name}')`;
const LONG_OK = `https://example.com/long/${'a'.repeat(1_500)}`;
const LONG_REFUSED = `https://example.com/too-long/${'b'.repeat(2_100)}`;

export const PAYLOADS: readonly Payload[] = [
  // <script> and friends
  { name: 'script-basic', category: 'tag', text: `<script>${x('script-basic')}</script>` },
  { name: 'script-src-data', category: 'tag', text: `<script src="data:text/javascript,${x('script-src-data')}"></script>` },
  { name: 'script-upper-alert', category: 'tag', text: `<SCRIPT>alert('script-upper-alert')</SCRIPT>` },
  { name: 'img-onerror', category: 'tag', text: `<img src=x onerror="${x('img-onerror')}">` },
  { name: 'img-slashes', category: 'tag', text: `<img/src/onerror=${x('img-slashes')}>` },
  { name: 'svg-onload', category: 'tag', text: `<svg onload="${x('svg-onload')}"></svg>` },
  { name: 'svg-script', category: 'tag', text: `<svg><script>${x('svg-script')}</script></svg>` },
  { name: 'svg-animate-href', category: 'tag', text: `<svg><a><animate attributeName=href values=javascript:${x('svg-animate-href')} /><text x=20 y=20>click</text></a></svg>` },
  { name: 'iframe-srcdoc', category: 'tag', text: `<iframe srcdoc="<script>parent.__xss.push('iframe-srcdoc')</script>"></iframe>` },
  { name: 'iframe-js', category: 'tag', text: `<iframe src="javascript:parent.__xss.push('iframe-js')"></iframe>` },
  { name: 'object-data', category: 'tag', text: `<object data="data:text/html,<script>parent.__xss.push('object-data')</script>"></object>` },
  { name: 'embed-js', category: 'tag', text: `<embed src="javascript:${x('embed-js')}">` },
  { name: 'math-mxss', category: 'tag', text: `<math><mtext><table><mglyph><style><img src=x onerror="${x('math-mxss')}">` },
  { name: 'math-href', category: 'tag', text: `<math href="javascript:${x('math-href')}">click</math>` },
  { name: 'details-ontoggle', category: 'tag', text: `<details open ontoggle="${x('details-ontoggle')}"><summary>x</summary></details>` },
  { name: 'video-source', category: 'tag', text: `<video><source onerror="${x('video-source')}"></video>` },
  { name: 'base-href', category: 'tag', text: `<base href="javascript:${x('base-href')}//">` },
  { name: 'form-action', category: 'tag', text: `<form action="javascript:${x('form-action')}"><button>go</button></form>` },
  // event handlers
  { name: 'autofocus-onfocus', category: 'handler', text: `<input autofocus onfocus="${x('autofocus-onfocus')}">` },
  { name: 'onanimationstart', category: 'handler', text: `<style>@keyframes k{}</style><div style="animation-name:k" onanimationstart="${x('onanimationstart')}"></div>` },
  { name: 'body-onload', category: 'handler', text: `<body onload="${x('body-onload')}">` },
  { name: 'marquee-onstart', category: 'handler', text: `<marquee onstart="${x('marquee-onstart')}">hi</marquee>` },
  { name: 'attr-breakout-dq', category: 'breakout', text: `"><img src=x onerror=${x('attr-breakout-dq')}>` },
  { name: 'attr-breakout-sq', category: 'breakout', text: `'><svg onload=${x('attr-breakout-sq')}>` },
  // javascript: in every disguise
  { name: 'js-plain', category: 'javascript-url', text: `javascript:${x('js-plain')}` },
  { name: 'js-mixed-case', category: 'javascript-url', text: `JaVaScRiPt:${x('js-mixed-case')}` },
  { name: 'js-entity-dec', category: 'javascript-url', text: `<a href="&#106;avascript:${x('js-entity-dec')}">click</a>` },
  { name: 'js-entity-hex', category: 'javascript-url', text: `&#x6A;&#x61;vascript&#x3A;${x('js-entity-hex')}` },
  { name: 'js-newline', category: 'javascript-url', text: `java\nscript:${x('js-newline')}` },
  { name: 'js-tab-space', category: 'javascript-url', text: `  javascript\t:${x('js-tab-space')}` },
  { name: 'js-a-tab-entity', category: 'javascript-url', text: `<a href="jav&#x09;ascript:${x('js-a-tab-entity')}">x</a>` },
  { name: 'js-a-with-https-text', category: 'javascript-url', text: `<a href="javascript:${x('js-a-with-https-text')}">https://liveperson.com</a>`, links: ['https://liveperson.com/'] },
  // other schemes
  { name: 'data-html', category: 'other-scheme', text: `data:text/html,<script>${x('data-html')}</script>` },
  { name: 'data-base64', category: 'other-scheme', text: 'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3MucHVzaCgnYjY0Jyk8L3NjcmlwdD4=' },
  { name: 'vbscript', category: 'other-scheme', text: 'vbscript:msgbox("vbscript")' },
  { name: 'file-local', category: 'other-scheme', text: 'file:///etc/passwd' },
  { name: 'file-unc', category: 'other-scheme', text: 'file://evil.example/share/setup.exe' },
  { name: 'protocol-relative', category: 'other-scheme', text: '//evil.example/x and https:evil.example' },
  // CSS
  { name: 'style-tag', category: 'css', text: `<style>body{display:none}*{background:url("javascript:${x('style-tag')}")}</style>` },
  { name: 'style-expression', category: 'css', text: `<div style="width:expression(${x('style-expression')})">x</div>` },
  { name: 'style-url-tracker', category: 'css', text: '<p style="background-image:url(https://evil.example/track.png)">tracked</p>', links: ['https://evil.example/track.png'] },
  { name: 'css-import', category: 'css', text: "<style>@import 'https://evil.example/x.css';</style>", links: ['https://evil.example/x.css'] },
  // template / markdown look-alikes
  { name: 'angular-template', category: 'template', text: `{{constructor.constructor("${x('angular-template')}")()}}` },
  { name: 'template-literal', category: 'template', text: `\${${x('template-literal')}}` },
  { name: 'markdown-js-link', category: 'template', text: `[click me](javascript:${x('markdown-js-link')})` },
  { name: 'markdown-image', category: 'template', text: `![x](https://evil.example/x.png "onerror=${x('markdown-image')}")`, links: ['https://evil.example/x.png'] },
  { name: 'markdown-autolink', category: 'template', text: `<javascript:${x('markdown-autolink')}>` },
  // bidi
  { name: 'bidi-rlo-filename', category: 'bidi', text: 'Invoice \u202Egnp.exe\u202C ready' },
  { name: 'bidi-in-url', category: 'bidi', text: 'https://liveperson.com/\u202Emoc.live\u202C', links: ['https://liveperson.com/'], click: { expect: 'opens', url: 'https://liveperson.com/' } },
  { name: 'bidi-isolates', category: 'bidi', text: '\u2067admin\u2069 says \u2066hi\u2069' },
  { name: 'bidi-embeddings', category: 'bidi', text: 'a\u202Bb\u202Ac\u202C\u202Dd\u202C' },
  // homoglyph / spoofed links
  { name: 'userinfo-host', category: 'homoglyph', text: 'https://liveperson.com@evil.example/login', links: ['https://liveperson.com@evil.example/login'], click: { expect: 'refused' } },
  { name: 'cyrillic-i', category: 'homoglyph', text: 'https://l\u0456veperson.com/login', links: [new URL('https://l\u0456veperson.com/login').href], click: { expect: 'refused' } },
  { name: 'punycode', category: 'homoglyph', text: 'https://xn--pple-43d.com/', links: ['https://xn--pple-43d.com/'], click: { expect: 'refused' } },
  { name: 'plain-https', category: 'homoglyph', text: 'See https://www.liveperson.com/help?a=1&b=2.', links: ['https://www.liveperson.com/help?a=1&b=2'], click: { expect: 'opens', url: 'https://www.liveperson.com/help?a=1&b=2' } },
  { name: 'plain-http', category: 'homoglyph', text: 'http://example.com/path', links: ['http://example.com/path'], click: { expect: 'opens', url: 'http://example.com/path' } },
  // very long URLs (the message clamps at 2,000 characters; the allow-check refuses over 2,048)
  { name: 'long-url-ok', category: 'long-url', text: LONG_OK, links: [LONG_OK], click: { expect: 'opens', url: LONG_OK } },
  { name: 'long-url-refused', category: 'long-url', text: LONG_REFUSED },
  // <a href> markup
  { name: 'a-href-mismatch', category: 'markup-link', text: '<a href="https://evil.example" target=_blank>https://liveperson.com</a>', links: ['https://evil.example/', 'https://liveperson.com/'] },
  { name: 'meta-refresh', category: 'markup-link', text: '<meta http-equiv="refresh" content="0;url=https://evil.example/">', links: ['https://evil.example/'] },
  { name: 'link-import', category: 'markup-link', text: `<link rel=import href="data:text/html,<script>${x('link-import')}</script>">` },
  // breakouts
  { name: 'textarea-breakout', category: 'breakout', text: `</textarea><script>${x('textarea-breakout')}</script>` },
  { name: 'noscript-title-breakout', category: 'breakout', text: `</title></noscript><img src=x onerror=${x('noscript-title-breakout')}>` },
  { name: 'comment-breakout', category: 'breakout', text: `<!--<img src="--><img src=x onerror=${x('comment-breakout')}//">` },
  // null bytes
  { name: 'nul-in-tag', category: 'null-byte', text: `<scr\u0000ipt>${x('nul-in-tag')}</scr\u0000ipt>` },
  { name: 'nul-in-scheme', category: 'null-byte', text: `java\u0000script:${x('nul-in-scheme')}` },
  // entities and escapes
  { name: 'entities-literal', category: 'entity', text: `&lt;script&gt;${x('entities-literal')}&lt;/script&gt; &amp; &quot;` },
  { name: 'unicode-escapes', category: 'entity', text: `\\u003cscript\\u003e${x('unicode-escapes')}\\u003c/script\\u003e` },
];

/** Schemes main's allow-check must refuse even when a compromised renderer asks directly. */
export const REFUSED_DIRECT = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'https://user:pw@evil.example/',
  'https://liveperson.com@evil.example/',
  LONG_REFUSED,
] as const;
