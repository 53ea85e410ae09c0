// Customer keys for deal-registration conflicts: what partners actually type as
// a website, email and company name, folded into the domain, name key, index
// tokens and similarity the conflict check compares, on both sides of the
// name-match threshold.
import { describe, expect, it } from "vitest";
import {
  companyNameKey,
  companyNameSimilarity,
  companyNameTokens,
  customerDomainKey,
  emailDomain,
  isFreeMailDomain,
  NAME_MATCH_THRESHOLD,
  normalizeCompanyName,
  normalizeDomain,
  normalizeProducts,
  sharedProducts,
} from "../../../worker/deals/customer-keys.ts";

describe("normalizeDomain", () => {
  it.each([
    ["https://www.Shop.Example.co.uk/path?x", "example.co.uk"],
    ["EXAMPLE.com.", "example.com"],
    ["http://user@example.com:8080", "example.com"],
    ["https://user:p@ss@example.com/login", "example.com"],
    [" example.com ", "example.com"],
    ["eu.app.acme.com", "acme.com"],
    ["www2.acme.de", "acme.de"],
    ["//cdn.acme.io/x.js", "acme.io"],
    ["acme.com#contact", "acme.com"],
    ["shop.example.com.au", "example.com.au"],
    ["sub.example.co.jp", "example.co.jp"],
    ["example.com。", "example.com"],
    ["example。com", "example.com"],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it("converts internationalized names to punycode", () => {
    expect(normalizeDomain("münchen.de")).toBe("xn--mnchen-3ya.de");
    expect(normalizeDomain("https://www.MÜNCHEN.de/")).toBe("xn--mnchen-3ya.de");
    expect(normalizeDomain("xn--mnchen-3ya.de")).toBe("xn--mnchen-3ya.de");
  });

  it("falls back to the last two labels for suffixes it does not know", () => {
    expect(normalizeDomain("shop.acme.gv.at")).toBe("gv.at");
    expect(normalizeDomain("a.b.acme.fr")).toBe("acme.fr");
  });

  it("keeps each shop on a shared hosting zone apart", () => {
    expect(normalizeDomain("https://acme.myshopify.com/collections")).toBe("acme.myshopify.com");
    expect(normalizeDomain("www.acme.github.io")).toBe("acme.github.io");
  });

  it.each([
    "",
    "   ",
    "acme",
    "localhost",
    "http://localhost:3000",
    "exa mple.com",
    "192.168.0.1",
    "http://10.0.0.1:8080/admin",
    "0x7f.1",
    "[::1]",
    "http://[2001:db8::1]/",
    "co.uk",
    "www.co.uk",
    "myshopify.com",
    "example.com:http",
    "ex_ample.com",
    "-acme.com",
    "acme..com",
    "n/a",
    "tbd",
    `${"a".repeat(250)}.com`,
  ])("rejects %j", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });
});

describe("emailDomain", () => {
  it("returns the registrable domain of the address's host", () => {
    expect(emailDomain("jane@acme.com")).toBe("acme.com");
    expect(emailDomain(" Jane.Doe@EU.Acme.com ")).toBe("acme.com");
    expect(emailDomain("Jane Doe <jane@mail.acme.co.uk>")).toBe("acme.co.uk");
    expect(emailDomain("mailto:jane@acme.com")).toBe("acme.com");
    expect(emailDomain("jörg@münchen.de")).toBe("xn--mnchen-3ya.de");
  });

  it("rejects what is not an address", () => {
    for (const input of ["", "acme.com", "@acme.com", "jane@", "jane@localhost", "jane@[10.0.0.1]", "jane@acme.com/x", "jane@acme.com:25"]) {
      expect(emailDomain(input), input).toBeNull();
    }
  });
});

describe("isFreeMailDomain", () => {
  it("knows consumer mail providers, including their country domains", () => {
    for (const d of ["gmail.com", "googlemail.com", "outlook.com", "outlook.de", "hotmail.com", "hotmail.co.uk", "live.com",
      "yahoo.com", "yahoo.co.uk", "yahoo.co.jp", "ymail.com", "aol.com", "icloud.com", "me.com", "proton.me", "protonmail.com",
      "gmx.de", "gmx.net", "web.de", "mail.ru", "yandex.ru", "yandex.com", "qq.com", "163.com", "naver.com", "orange.fr",
      "free.fr", "laposte.net", "t-online.de", "libero.it", "bigpond.net.au", "GMAIL.COM."]) {
      expect(isFreeMailDomain(d), d).toBe(true);
    }
  });

  it("does not flag company domains, lookalikes or garbage", () => {
    for (const d of ["acme.com", "gmail-partners.com", "mygmail.com", "freedom.fr", "yahoo-inc.example", "", "gmail"]) {
      expect(isFreeMailDomain(d), d).toBe(false);
    }
  });
});

describe("customerDomainKey", () => {
  it("prefers the website's domain", () => {
    expect(customerDomainKey({ website: "https://www.acme.com/", contactEmail: "jane@acme-group.de" })).toBe("acme.com");
  });

  it("falls back to the contact email's domain unless it is free mail", () => {
    expect(customerDomainKey({ website: null, contactEmail: "jane@eu.acme.com" })).toBe("acme.com");
    expect(customerDomainKey({ website: "", contactEmail: "jane@acme.com" })).toBe("acme.com");
    expect(customerDomainKey({ website: "not a site", contactEmail: "jane@acme.com" })).toBe("acme.com");
    expect(customerDomainKey({ contactEmail: "jane.acme@gmail.com" })).toBeNull();
    expect(customerDomainKey({ contactEmail: "jane@hotmail.co.uk" })).toBeNull();
    expect(customerDomainKey({})).toBeNull();
    expect(customerDomainKey({ website: null, contactEmail: null })).toBeNull();
  });

  it("ignores a website that is a social profile, short link or mailbox provider", () => {
    expect(customerDomainKey({ website: "https://www.linkedin.com/company/acme", contactEmail: "jane@acme.com" })).toBe("acme.com");
    expect(customerDomainKey({ website: "facebook.com/acmeshop", contactEmail: "acme@gmail.com" })).toBeNull();
    expect(customerDomainKey({ website: "gmail.com", contactEmail: "jane@acme.com" })).toBe("acme.com");
  });
});

describe("normalizeCompanyName", () => {
  it.each([
    ["Müller Bäckerei", "muller backerei"],
    ["Müller Bäckerei GmbH", "muller backerei"],
    ["Straßenbau Weiß AG", "strassenbau weiss"],
    ["Ørsted A/S", "orsted"],
    ["Łódź Sp. z o.o.", "lodz"],
    ["Ærø Đakovo", "aero dakovo"],
    ["Société Générale S.A.", "societe generale"],
    ["Acme Holdings, Inc.", "acme holdings"],
    ["Acme, Inc", "acme"],
    ["ACME Corp.", "acme"],
    ["Acme Pty Ltd", "acme"],
    ["Acme Pte. Ltd.", "acme"],
    ["Acme Co., Ltd.", "acme"],
    ["Acme GmbH & Co. KG", "acme"],
    ["Fratelli Rossi S.p.A.", "fratelli rossi"],
    ["Rossi S.r.l.", "rossi"],
    ["Van Dijk B.V.", "van dijk"],
    ["Schmidt G.m.b.H.", "schmidt"],
    ["Telefónica S. A.", "telefonica"],
    ["Grupo Bimbo S.A. de C.V.", "grupo bimbo"],
    ["Nokia Oyj", "nokia"],
    ["Smith & Co.", "smith"],
    ["Procter & Gamble Co.", "procter and gamble"],
    ["The Coca-Cola Company", "coca cola"],
    ["The Company", "company"],
    ["Inc.", "inc"],
    ["S.A.", "sa"],
    ["McDonald's Corp.", "mcdonalds"],
    ["Acme™ Networks®", "acme networks"],
    ["J.P. Morgan Chase & Co.", "jp morgan chase"],
    ["Acme Intl.", "acme international"],
    ["ＡＣＭＥ　Networks", "acme networks"],
    ["  Acme   --  Networks  ", "acme networks"],
    ["Company Store Inc", "company store"],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected);
  });

  it("keeps non-Latin scripts as written, lowercased", () => {
    expect(normalizeCompanyName("ООО Ромашка")).toBe("ромашка");
    expect(normalizeCompanyName("Газпром ПАО")).toBe("газпром");
    expect(normalizeCompanyName("Йогурт Ёлка")).toBe("йогурт ёлка");
    expect(normalizeCompanyName("トヨタ株式会社")).toBe("トヨタ");
    expect(normalizeCompanyName("株式会社ガイア")).toBe("ガイア");
    expect(normalizeCompanyName("삼성전자 주식회사")).toBe("삼성전자");
    expect(normalizeCompanyName("阿里巴巴集团控股有限公司")).toBe("阿里巴巴集团控股");
    expect(normalizeCompanyName("टाटा मोटर्स")).toBe("टाटा मोटर्स");
  });

  it("never empties a name that has letters or digits, and empties one that has none", () => {
    for (const name of ["The", "Co.", "GmbH", "LLC", "3M", "株式会社"]) {
      expect(normalizeCompanyName(name), name).not.toBe("");
    }
    expect(normalizeCompanyName(" -- & -- ")).toBe("and");
    expect(normalizeCompanyName("...")).toBe("");
  });
});

describe("companyNameKey", () => {
  it("compares names regardless of spacing, punctuation, case and legal form", () => {
    expect(companyNameKey("Acme-Networks GmbH")).toBe("acmenetworks");
    expect(companyNameKey("ACME Networks")).toBe("acmenetworks");
    expect(companyNameKey("Acme Net Works, Inc.")).toBe("acmenetworks");
    expect(companyNameKey("Acme Intl")).toBe(companyNameKey("Acme International Ltd"));
  });
});

describe("companyNameTokens", () => {
  it("returns distinct distinctive tokens, longest first", () => {
    expect(companyNameTokens("Acme Networks GmbH")).toEqual(["networks", "acme"]);
    expect(companyNameTokens("Acme Holdings, Inc.")).toEqual(["acme"]);
    expect(companyNameTokens("Acme Solutions Acme")).toEqual(["acme"]);
    expect(companyNameTokens("Blue Ocean Logistics Group")).toEqual(["logistics", "ocean", "blue"]);
  });

  it("drops short tokens and stop words but keeps CJK tokens whole", () => {
    expect(companyNameTokens("J.P. Morgan & Co")).toEqual(["morgan"]);
    expect(companyNameTokens("Bank of the West")).toEqual(["bank", "west"]);
    expect(companyNameTokens("三菱 重工")).toEqual(["三菱", "重工"]);
    expect(companyNameTokens("HP")).toEqual([]);
  });

  it("keeps generic words only when nothing else is left", () => {
    expect(companyNameTokens("Global Solutions Ltd")).toEqual(["solutions", "global"]);
    expect(companyNameTokens("Acme Global Solutions")).toEqual(["acme"]);
  });

  it("caps the list at five", () => {
    expect(companyNameTokens("Alpha Bravo Charlie Delta Echo Foxtrot Golf")).toEqual(["charlie", "foxtrot", "alpha", "bravo", "delta"]);
  });

  it("lets spaced variants meet on a shared token", () => {
    const a = new Set(companyNameTokens("Acme Networks"));
    expect(companyNameTokens("Acme Net Works").some((t) => a.has(t))).toBe(true);
  });
});

describe("companyNameSimilarity", () => {
  it("is 1 for the same name in another legal form, case or accent", () => {
    expect(companyNameSimilarity("Acme Networks GmbH", "ACME Networks Inc.")).toBe(1);
    expect(companyNameSimilarity("Société Générale S.A.", "Societe Generale")).toBe(1);
    expect(companyNameSimilarity("Acme-Networks", "AcmeNetworks")).toBe(1);
  });

  // Pairs a channel manager should see as a potential conflict.
  it.each([
    ["Acme Networks", "Acme Netwrks"],
    ["Acme Networks", "Acmee Networks"],
    ["Networks Acme", "Acme Networks"],
    ["Müller Bäckerei GmbH", "Muller Backerei"],
    ["Acme Intl", "Acme International Ltd."],
    ["Initech Software", "Initech Sofware Ltd"],
    ["Blue Ocean Logistics", "Blue Ocean Logistic"],
    ["Wayne Enterprises Inc", "Wayne Enterprise"],
    ["Acme Net Works", "Acme Networks"],
    ["Globex Corporation", "The Globex Corp."],
    ["Hooli", "Hooli XYZ"],
    ["トヨタ株式会社", "株式会社トヨタ"],
  ])("%j ~ %j is a potential conflict", (a, b) => {
    expect(companyNameSimilarity(a, b)).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
  });

  // Different customers, several sharing a generic or industry word.
  it.each([
    ["Acme Networks", "Apex Networks"],
    ["Globex", "Initech"],
    ["Acme Solutions", "Globex Solutions"],
    ["Acme Solutions", "Acme Systems"],
    ["Pacific Consulting Group", "Atlantic Consulting Group"],
    ["Stark Industries", "Wayne Industries"],
    ["Blue Ocean Logistics", "Red Ocean Logistics"],
    ["Acme Networks", "Acme Foods"],
    ["Delta Air Lines", "Delta Dental"],
    ["Umbrella Corp", "Initech Ltd"],
  ])("%j vs %j is not", (a, b) => {
    expect(companyNameSimilarity(a, b)).toBeLessThan(NAME_MATCH_THRESHOLD);
  });

  it("scores a near miss high and a different distinctive word low", () => {
    expect(companyNameSimilarity("Acme Networks", "Acme Netwrks")).toBeGreaterThanOrEqual(0.8);
    expect(companyNameSimilarity("Acme Networks", "Apex Networks")).toBeLessThan(0.75);
    expect(companyNameSimilarity("Globex", "Initech")).toBeLessThan(0.2);
  });

  it("is symmetric and within 0..1", () => {
    const names = ["Acme Networks", "Networks Acme GmbH", "Apex", "Global Solutions", "Acme Global Solutions", "三菱", "Ромашка"];
    for (const a of names) {
      for (const b of names) {
        const s = companyNameSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(s).toBe(companyNameSimilarity(b, a));
      }
    }
  });

  it("is 0 when either name has nothing to compare", () => {
    expect(companyNameSimilarity("", "Acme")).toBe(0);
    expect(companyNameSimilarity("Acme", "---")).toBe(0);
  });
});

describe("normalizeProducts and sharedProducts", () => {
  it("trims, lowercases, collapses whitespace, de-duplicates and sorts", () => {
    expect(normalizeProducts(["  Firewall  Pro ", "firewall pro", "SD-WAN", "", "   ", "Ａｃｃｅｓｓ Point"])).toEqual([
      "access point",
      "firewall pro",
      "sd-wan",
    ]);
  });

  it("lists the products both registrations name", () => {
    expect(sharedProducts(["Firewall Pro", "SD-WAN", "Support"], ["sd-wan", "FIREWALL  PRO", "Switches"])).toEqual([
      "firewall pro",
      "sd-wan",
    ]);
    expect(sharedProducts(["Firewall Pro"], [])).toEqual([]);
  });
});
