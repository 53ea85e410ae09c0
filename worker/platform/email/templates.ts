// Transactional email content, in every portal language. An intent is what
// the outbox stores; rendering happens at delivery, so a template fix applies
// to mail still waiting in the outbox.
export const locales = ["en", "es", "fr", "zh"] as const;
export type Locale = (typeof locales)[number];

export type EmailIntent =
  | {
      template: "invitation";
      to: string;
      locale: Locale;
      tenantSlug: string;
      data: { tenantName: string; inviterName: string; role: string; link: string };
    }
  | { template: "password-reset"; to: string; locale: Locale; tenantSlug: string; data: { tenantName: string; link: string } }
  | { template: "welcome"; to: string; locale: Locale; tenantSlug: string; data: { tenantName: string; name: string; link: string } };

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type Strings = {
  [K in EmailIntent["template"]]: (d: Extract<EmailIntent, { template: K }>["data"]) => {
    subject: string;
    lines: string[];
    action: string;
  };
};

const roleNames: Record<Locale, Record<string, string>> = {
  en: { vendor_admin: "vendor admin", channel_manager: "channel manager", partner_admin: "partner admin", partner_user: "partner user" },
  es: { vendor_admin: "administrador del proveedor", channel_manager: "gestor de canal", partner_admin: "administrador del socio", partner_user: "usuario del socio" },
  fr: { vendor_admin: "administrateur fournisseur", channel_manager: "responsable de canal", partner_admin: "administrateur partenaire", partner_user: "utilisateur partenaire" },
  zh: { vendor_admin: "供应商管理员", channel_manager: "渠道经理", partner_admin: "合作伙伴管理员", partner_user: "合作伙伴用户" },
};

const catalog: Record<Locale, Strings> = {
  en: {
    invitation: (d) => ({
      subject: `${d.inviterName} invited you to the ${d.tenantName} partner portal`,
      lines: [`${d.inviterName} invited you to join the ${d.tenantName} partner portal as ${roleNames.en[d.role] ?? d.role}.`, "The invitation link works once and expires in 7 days."],
      action: "Accept the invitation",
    }),
    "password-reset": (d) => ({
      subject: `Reset your password for ${d.tenantName}`,
      lines: ["Someone asked to reset your password. If it was not you, ignore this email.", "The link works once and expires in 1 hour."],
      action: "Choose a new password",
    }),
    welcome: (d) => ({
      subject: `Your ${d.tenantName} partner portal is ready`,
      lines: [`Welcome, ${d.name}! Your partner portal is live.`, "Invite your team and your first partners to get started."],
      action: "Open your portal",
    }),
  },
  es: {
    invitation: (d) => ({
      subject: `${d.inviterName} te invitó al portal de socios de ${d.tenantName}`,
      lines: [`${d.inviterName} te invitó a unirte al portal de socios de ${d.tenantName} como ${roleNames.es[d.role] ?? d.role}.`, "El enlace funciona una sola vez y caduca en 7 días."],
      action: "Aceptar la invitación",
    }),
    "password-reset": (d) => ({
      subject: `Restablece tu contraseña de ${d.tenantName}`,
      lines: ["Alguien pidió restablecer tu contraseña. Si no fuiste tú, ignora este correo.", "El enlace funciona una sola vez y caduca en 1 hora."],
      action: "Elegir una nueva contraseña",
    }),
    welcome: (d) => ({
      subject: `Tu portal de socios de ${d.tenantName} está listo`,
      lines: [`¡Bienvenido, ${d.name}! Tu portal de socios ya está activo.`, "Invita a tu equipo y a tus primeros socios para empezar."],
      action: "Abrir tu portal",
    }),
  },
  fr: {
    invitation: (d) => ({
      subject: `${d.inviterName} vous invite sur le portail partenaires ${d.tenantName}`,
      lines: [`${d.inviterName} vous invite à rejoindre le portail partenaires ${d.tenantName} en tant que ${roleNames.fr[d.role] ?? d.role}.`, "Le lien ne fonctionne qu'une fois et expire dans 7 jours."],
      action: "Accepter l'invitation",
    }),
    "password-reset": (d) => ({
      subject: `Réinitialisez votre mot de passe ${d.tenantName}`,
      lines: ["Quelqu'un a demandé la réinitialisation de votre mot de passe. Si ce n'est pas vous, ignorez cet e-mail.", "Le lien ne fonctionne qu'une fois et expire dans 1 heure."],
      action: "Choisir un nouveau mot de passe",
    }),
    welcome: (d) => ({
      subject: `Votre portail partenaires ${d.tenantName} est prêt`,
      lines: [`Bienvenue, ${d.name} ! Votre portail partenaires est en ligne.`, "Invitez votre équipe et vos premiers partenaires pour commencer."],
      action: "Ouvrir votre portail",
    }),
  },
  zh: {
    invitation: (d) => ({
      subject: `${d.inviterName} 邀请您加入 ${d.tenantName} 合作伙伴门户`,
      lines: [`${d.inviterName} 邀请您以${roleNames.zh[d.role] ?? d.role}身份加入 ${d.tenantName} 合作伙伴门户。`, "该链接仅可使用一次，7 天后失效。"],
      action: "接受邀请",
    }),
    "password-reset": (d) => ({
      subject: `重置您在 ${d.tenantName} 的密码`,
      lines: ["有人请求重置您的密码。如果不是您本人操作，请忽略此邮件。", "该链接仅可使用一次，1 小时后失效。"],
      action: "设置新密码",
    }),
    welcome: (d) => ({
      subject: `您的 ${d.tenantName} 合作伙伴门户已就绪`,
      lines: [`欢迎，${d.name}！您的合作伙伴门户已上线。`, "邀请您的团队和首批合作伙伴开始使用。"],
      action: "打开门户",
    }),
  },
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function renderEmail(intent: EmailIntent): RenderedEmail {
  const strings = catalog[intent.locale] ?? catalog.en;
  const render = strings[intent.template] as (d: EmailIntent["data"]) => { subject: string; lines: string[]; action: string };
  const { subject, lines, action } = render(intent.data);
  const link = intent.data.link;
  const text = [...lines, "", `${action}: ${link}`].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">
${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")}
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#2563eb;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(action)}</a></p>
<p style="font-size:12px;color:#6b7280">${escapeHtml(link)}</p>
</body></html>`;
  return { subject, text, html };
}

export function pickLocale(acceptLanguage: string | null | undefined): Locale {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]!.trim().toLowerCase().slice(0, 2);
    if ((locales as readonly string[]).includes(tag)) return tag as Locale;
  }
  return "en";
}
