// The agreement body sanitizer: the allowlist survives, everything else
// (script, event handlers, dangerous URLs, foreign markup) does not.
import { describe, expect, it } from "vitest";
import { safeHref, sanitizeAgreementHtml as clean, textOf } from "../../../worker/agreements/sanitize-html.ts";

/** No tag other than the allowlist, no attribute other than href, no script-ish URL. */
function assertSafe(out: string) {
  for (const m of out.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)) {
    expect(["p", "h2", "h3", "ul", "ol", "li", "strong", "em", "a", "br"]).toContain(m[1]!.toLowerCase());
    const attrs = m[2]!.trim();
    if (attrs) expect(attrs).toMatch(/^href="(https:|mailto:)[^"]*"$/);
  }
  expect(out).not.toMatch(/javascript:|vbscript:|data:|on[a-z]+\s*=/i);
}

describe("sanitizeAgreementHtml", () => {
  it("keeps the allowed structure as it is", () => {
    const html =
      '<h2>1. Scope</h2><p>The <strong>Partner</strong> shall <em>resell</em>.<br>See <a href="https://example.com/terms">terms</a> or <a href="mailto:legal@example.com">legal</a>.</p><h3>1.1</h3><ul><li>One</li><li>Two</li></ul><ol><li>First</li></ol>';
    expect(clean(html)).toBe(html);
  });

  it.each([
    ["<img src=x onerror=alert(1)>", ""],
    ['<p><img src="x" onerror="alert(1)">text</p>', "<p>text</p>"],
    ["<script>alert(1)</script>after", "after"],
    ["<SCRIPT SRC=https://evil.example/x.js></SCRIPT>after", "after"],
    ["<svg onload=alert(1)><circle r=1 /></svg>after", "after"],
    ["<svg><script>alert(1)</script></svg>after", "after"],
    ["<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", ""],
    ['<iframe src="https://evil.example" srcdoc="<script>alert(1)</script>"></iframe>ok', "ok"],
    ["<style>body{background:url(javascript:alert(1))}</style>ok", "ok"],
    ['<a href="javascript:alert(1)">click</a>', "click"],
    ['<a href="JaVaScRiPt:alert(1)">click</a>', "click"],
    ['<a href="jav&#x61;script:alert(1)">click</a>', "click"],
    ['<a href="java\tscript:alert(1)">click</a>', "click"],
    ['<a href="  javascript:alert(1)">click</a>', "click"],
    ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>', "click"],
    ['<a href="vbscript:msgbox(1)">click</a>', "click"],
    ['<a href="http://insecure.example">click</a>', "click"],
    ['<a href="//evil.example">click</a>', "click"],
    ['<a href="https://ok.example" onclick="alert(1)" style="color:red" target="_blank">ok</a>', '<a href="https://ok.example/">ok</a>'],
    ['<p onmouseover="alert(1)" class="x" id="y">p</p>', "<p>p</p>"],
    ['<a href=\'https://ok.example/"><script>alert(1)</script>\'>q</a>', '<a href="https://ok.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E">q</a>'],
    ['<a href="mailto:a@example.com" onfocus=alert(1) autofocus>m</a>', '<a href="mailto:a@example.com">m</a>'],
    ['<a href="mailto:a@example.com?subject=&quot;hi&quot;">m</a>', '<a href="mailto:a@example.com?subject=&quot;hi&quot;">m</a>'],
    ["<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"],
    ["<!-- <script>alert(1)</script> --><p>x</p>", "<p>x</p>"],
    ["<![CDATA[<script>alert(1)</script>]]>x", "alert(1)]]&gt;x"],
    ['<form action="https://evil.example"><input name=x><button formaction=javascript:alert(1)>go</button></form>', "go"],
    ["<object data=javascript:alert(1)></object><embed src=javascript:alert(1)>ok", "ok"],
    ["<div><span>plain</span></div>", "plain"],
    ["<h1>Big</h1><h4>small</h4>", "Bigsmall"],
    ["<body onload=alert(1)>hi", "hi"],
    ['<meta http-equiv="refresh" content="0;url=javascript:alert(1)">x', "x"],
    ['<base href="javascript:/">x', "x"],
    ["<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>x", '"&gt;x'],
    ["<template><script>alert(1)</script></template>x", "x"],
    ["<textarea><script>alert(1)</script></textarea>x", "x"],
  ])("neutralizes %s", (input, expected) => {
    const out = clean(input);
    expect(out).toBe(expected);
    assertSafe(out);
  });

  it("escapes text so it cannot become markup, keeping character references", () => {
    expect(clean("a < b && c > d &copy; &amp; &#60;script&#62; &#x3c;")).toBe("a &lt; b &amp;&amp; c &gt; d &copy; &amp; &#60;script&#62; &#x3c;");
    expect(clean("<<p>>")).toBe("&lt;<p>&gt;</p>");
    expect(clean("1 <2 and 3> 2")).toBe("1 &lt;2 and 3&gt; 2");
  });

  it("balances what it keeps: unclosed tags closed, stray end tags dropped, implied ends added", () => {
    expect(clean("<em>unclosed")).toBe("<em>unclosed</em>");
    expect(clean("<p>a<strong>b</p>c</strong></li></ul>")).toBe("<p>a<strong>b</strong></p>c");
    expect(clean("<ul><li>one<li>two</ul>")).toBe("<ul><li>one</li><li>two</li></ul>");
    expect(clean("<p>one<p>two<h2>three</h2>")).toBe("<p>one</p><p>two</p><h2>three</h2>");
    expect(clean('<a href="javascript:x">in <strong>bold</strong></a> out')).toBe("in <strong>bold</strong> out");
    expect(clean("<br/><br><BR >")).toBe("<br><br><br>");
  });

  it("survives inputs that end mid-tag or mid-comment", () => {
    for (const input of ["<a href=\"https://x", "<p", "<!-- never closed <script>", "<script>alert(1)", "</", "<", "<a href='javascript:alert(1)' "]) {
      assertSafe(clean(input));
    }
    expect(clean("<script>alert(1)")).toBe("");
    expect(clean("text <")).toBe("text &lt;");
  });

  it("accepts only https: and mailto: links, judged as a browser would read them", () => {
    expect(safeHref("https://example.com/a b")).toBe("https://example.com/a%20b");
    expect(safeHref("\n https://example.com \t")).toBe("https://example.com/");
    expect(safeHref("HTTPS://EXAMPLE.COM")).toBe("https://example.com/");
    expect(safeHref("https&#x3a;//example.com")).toBe("https://example.com/");
    expect(safeHref("mailto:legal@example.com")).toBe("mailto:legal@example.com");
    for (const bad of ["javascript:alert(1)", "java&#10;script:alert(1)", "&#106;avascript:alert(1)", "/relative", "#top", "ftp://x", "https:", ""]) {
      expect({ bad, href: safeHref(bad) }).toEqual({ bad, href: null });
    }
  });

  it("tells an empty body from a real one", () => {
    expect(textOf(clean("<script>x</script><p> </p><br>"))).toBe("");
    expect(textOf(clean("<p>Terms &amp; conditions</p>"))).toBe("Terms & conditions");
  });
});
