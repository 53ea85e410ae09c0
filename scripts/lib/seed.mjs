// Seeds the demo vendor through the public API, the way a real vendor would:
// sign up, add a partner organization, invite people, follow the invitation
// links from the dev mailbox. Idempotent: existing people are skipped.
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
  return { created: exists.status === 404 };
}
