// Seeds the demo vendor through the public API, the way a real vendor would:
// sign up, add a partner organization, invite people, follow the invitation
// links from the dev mailbox; then a partner program to look at: a tier
// ladder, a signed agreement, an onboarding checklist, more partners, a
// recorded metric, one evaluation, an application waiting for review, and a
// few deal registrations (one approved, two waiting for review).
// Idempotent: what exists already (people, tiers, agreement, steps,
// organizations, applications) is skipped.
export const demo = {
  slug: "acme",
  company: "Acme Networks",
  password: "acme-demo-2026",
  admin: { email: "admin@acme.test", name: "Ada Admin" },
  channelManager: { email: "manager@acme.test", name: "Carlos Channel" },
  partnerOrg: "Northwind Solutions",
  partnerAdmin: { email: "pat@northwind.test", name: "Pat Partner" },
  partnerUser: { email: "rep@northwind.test", name: "Riley Rep" },
};

async function call(api, method, path, { token, body } = {}) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  return { status: res.status, data };
}

async function must(api, method, path, opts) {
  const r = await call(api, method, path, opts);
  if (r.status >= 300) throw new Error(`${method} ${path} -> ${r.status} ${JSON.stringify(r.data)}`);
  return r.data;
}

async function invitationToken(api, email) {
  for (let i = 0; i < 100; i++) {
    const { messages } = await must(api, "GET", `/api/dev/mailbox?to=${encodeURIComponent(email)}&limit=1`);
    const link = messages[0]?.text.match(/https?:\/\/\S+invite\?token=(\S+)/);
    if (link) return link[1];
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no invitation arrived for ${email}`);
}

async function invite(api, t, token, person, role, partnerOrgId) {
  await must(api, "POST", `/api/t/${t}/invitations`, { token, body: { ...person, role, partnerOrgId } });
  const inviteToken = await invitationToken(api, person.email);
  const r = await must(api, "POST", `/api/t/${t}/invitations/accept`, {
    body: { token: inviteToken, name: person.name, password: demo.password },
  });
  return r.session.token;
}

export async function seedDemo(api) {
  const t = demo.slug;
  const exists = await call(api, "GET", `/api/tenants/${t}`);
  let adminToken;
  if (exists.status === 404) {
    const r = await must(api, "POST", "/api/signup", {
      body: { company: demo.company, slug: t, ...demo.admin, password: demo.password },
    });
    adminToken = r.session.token;
  } else {
    adminToken = (await must(api, "POST", `/api/t/${t}/auth/login`, { body: { email: demo.admin.email, password: demo.password } })).session.token;
  }
  const users = await must(api, "GET", `/api/t/${t}/users?limit=100`, { token: adminToken });
  const has = (email) => users.items.some((u) => u.email === email);
  const orgs = await must(api, "GET", `/api/t/${t}/partner-orgs`, { token: adminToken });
  const org = orgs.items.find((o) => o.name === demo.partnerOrg) ?? (await must(api, "POST", `/api/t/${t}/partner-orgs`, { token: adminToken, body: { name: demo.partnerOrg } }));
  if (!has(demo.channelManager.email)) await invite(api, t, adminToken, demo.channelManager, "channel_manager", null);
  let partnerAdminToken;
  if (!has(demo.partnerAdmin.email)) partnerAdminToken = await invite(api, t, adminToken, demo.partnerAdmin, "partner_admin", org.id);
  if (!has(demo.partnerUser.email)) {
    partnerAdminToken ??= (await must(api, "POST", `/api/t/${t}/auth/login`, { body: { email: demo.partnerAdmin.email, password: demo.password } })).session.token;
    await invite(api, t, partnerAdminToken, demo.partnerUser, "partner_user", org.id);
  }
  partnerAdminToken ??= (await must(api, "POST", `/api/t/${t}/auth/login`, { body: { email: demo.partnerAdmin.email, password: demo.password } })).session.token;
  await seedProgram(api, t, adminToken, partnerAdminToken, org.id);
  return { created: exists.status === 404 };
}

const benefits = (dealProtectionDays, registrationDiscountPct, mdfEligible, coopAccrualPct, leadPriorityWeight, contentVisibility) => ({
  dealProtectionDays,
  registrationDiscountPct,
  mdfEligible,
  coopAccrualPct,
  leadPriorityWeight,
  contentVisibility,
});

const demoTiers = [
  { name: "Registered", rank: 10, color: "#64748b", benefits: benefits(60, 5, false, 0, 10, "partner"), criteria: [] },
  { name: "Silver", rank: 20, color: "#94a3b8", benefits: benefits(90, 10, true, 1, 30, "partner"), criteria: [{ metric: "custom:certified_engineers", min: 2 }] },
  {
    name: "Gold",
    rank: 30,
    color: "#d4af37",
    benefits: benefits(120, 15, true, 2, 60, "tier_only"),
    // $100,000 in cents: money metrics are in minor units.
    criteria: [{ metric: "custom:certified_engineers", min: 4 }, { metric: "won_revenue_12m", min: 10_000_000 }],
  },
];

const demoOrgs = [
  { name: "Bluebird Integrators", websiteDomain: "bluebird.example", country: "US", region: "North America", partnerType: "systems_integrator", size: "51-200" },
  { name: "Cobalt Cloud", websiteDomain: "cobalt-cloud.example", country: "DE", region: "EMEA", partnerType: "msp", size: "11-50" },
  { name: "Delta Referral Group", websiteDomain: "delta-referral.example", country: "GB", region: "EMEA", partnerType: "referral", size: "1-10" },
];

const demoSteps = [
  { kind: "sign_agreement", title: "Sign the partner agreement" },
  { kind: "complete_profile", title: "Complete your company profile" },
  { kind: "invite_team", title: "Invite your sales team", config: { minMembers: 2 } },
  { kind: "custom", title: "Book your kickoff call", description: "Meet your channel manager and plan your first quarter." },
];

async function seedProgram(api, t, adminToken, partnerAdminToken, northwindId) {
  const as = (token) => ({ token });
  const tiers = await must(api, "GET", `/api/t/${t}/tiers`, as(adminToken));
  if (tiers.items.length === 0) {
    for (const tier of demoTiers) await must(api, "POST", `/api/t/${t}/tiers`, { token: adminToken, body: tier });
  }

  const { agreement } = await must(api, "GET", `/api/t/${t}/agreements/current`, as(adminToken));
  if (!agreement) {
    const published = await must(api, "POST", `/api/t/${t}/agreements`, {
      token: adminToken,
      body: {
        title: "Acme Partner Program Agreement",
        body: "<h2>1. Deal registration</h2><p>Partners register opportunities in good faith; an approved registration is protected for the days of the partner's tier.</p><h2>2. Market development funds</h2><p>Acme reimburses approved MDF claims with proof of performance within 30 days.</p><h2>3. Confidentiality</h2><p>Each party keeps the other's non-public information confidential.</p>",
        graceDays: 30,
      },
    });
    await must(api, "POST", `/api/t/${t}/agreements/${published.id}/sign`, { token: partnerAdminToken, body: { signedName: demo.partnerAdmin.name } });
  }

  const steps = await must(api, "GET", `/api/t/${t}/onboarding/steps`, as(adminToken));
  if (steps.items.length === 0) {
    for (const step of demoSteps) await must(api, "POST", `/api/t/${t}/onboarding/steps`, { token: adminToken, body: step });
  }

  const orgs = await must(api, "GET", `/api/t/${t}/partner-orgs?limit=100`, as(adminToken));
  for (const org of demoOrgs) {
    if (!orgs.items.some((o) => o.name === org.name)) await must(api, "POST", `/api/t/${t}/partner-orgs`, { token: adminToken, body: org });
  }

  const standing = await must(api, "GET", `/api/t/${t}/partners/${northwindId}/tier`, as(adminToken));
  if (!standing.metrics.some((m) => m.metric === "custom:certified_engineers")) {
    await must(api, "PUT", `/api/t/${t}/partners/${northwindId}/metrics/custom:certified_engineers`, { token: adminToken, body: { value: 3 } });
    await must(api, "POST", `/api/t/${t}/tiers/evaluate`, { token: adminToken, body: {} });
  }

  const deals = await must(api, "GET", `/api/t/${t}/deals?limit=1`, as(adminToken));
  if (deals.items.length === 0) {
    const login = async (email) => (await must(api, "POST", `/api/t/${t}/auth/login`, { body: { email, password: demo.password } })).session.token;
    const rep = await login(demo.partnerUser.email);
    const manager = await login(demo.channelManager.email);
    const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const register = (body) => must(api, "POST", `/api/t/${t}/deals`, { token: rep, body: { currency: "USD", ...body } });
    const globex = await register({ customerName: "Globex Corporation", customerDomain: "globex.example", contactName: "Hank Scorpio", contactEmail: "hank@globex.example", country: "US", value: 84_000, expectedCloseDate: inDays(45), products: ["Core Switch X", "Support Plus"] });
    await must(api, "POST", `/api/t/${t}/deals/${globex.id}/approve`, { token: manager, body: { note: "Great fit for the campus refresh." } });
    await register({ customerName: "Initech", customerDomain: "initech.example", contactName: "Bill Lumbergh", contactEmail: "bill@initech.example", country: "US", value: 23_500, expectedCloseDate: inDays(30), products: ["Edge Router 5"], notes: "Replacing two ageing branch routers." });
    await register({ customerName: "Umbrella Health GmbH", customerDomain: "umbrella-health.example", country: "DE", value: 61_000, currency: "EUR", expectedCloseDate: inDays(75), products: ["Core Switch X"] });
  }

  const applications = await must(api, "GET", `/api/t/${t}/applications?limit=1`, as(adminToken));
  if (applications.items.length === 0) {
    await must(api, "POST", `/api/t/${t}/applications`, {
      body: {
        company: "Echo Networks Brasil",
        websiteDomain: "echo-networks.example",
        country: "BR",
        partnerType: "reseller",
        contactName: "Elena Souza",
        contactEmail: "elena@echo-networks.example",
        message: "We resell campus networking in São Paulo and want to add Acme to our line card.",
      },
    });
  }
}
