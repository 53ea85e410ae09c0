// Transactional email content, in every portal language. An intent is what
// the outbox stores; rendering happens at delivery, so a template fix applies
// to mail still waiting in the outbox.
export const locales = ["en", "es", "fr", "zh"] as const;
export type Locale = (typeof locales)[number];

export type EmailIntent =
  | {
      template: "tier-changed";
      to: string;
      locale: Locale;
      tenantSlug: string;
      data: { tenantName: string; partnerName: string; tierName: string; link: string };
    }
  | {
      template: "invitation";
      to: string;
      locale: Locale;
      tenantSlug: string;
      data: { tenantName: string; inviterName: string; role: string; link: string };
    }
  | { template: "password-reset"; to: string; locale: Locale; tenantSlug: string; data: { tenantName: string; link: string } }
  | { template: "welcome"; to: string; locale: Locale; tenantSlug: string; data: { tenantName: string; name: string; link: string } }
  | {
      template: "agreement-published";
      to: string;
      locale: Locale;
      tenantSlug: string;
      data: { tenantName: string; title: string; version: number; graceDays: number; link: string };
    }
  | {
      template: "application-received";
      to: string;
      locale: Locale;
      tenantSlug: string;
      data: { tenantName: string; company: string; contactName: string; link: string };
    }
  | {
      template: "application-declined";
      to: string;
      locale: Locale;
      tenantSlug: string;
      data: { tenantName: string; company: string; contactName: string; reason: string; link: string };
    }
  | {
      template: "application-info-requested";
      to: string;
      locale: Locale;
      tenantSlug: string;
      data: { tenantName: string; company: string; contactName: string; message: string; replyTo: string | null; link: string };
    }
  | {
      template: "deal-update";
      to: string;
      locale: Locale;
      tenantSlug: string;
      data: {
        tenantName: string;
        customerName: string;
        event: DealMailEvent;
        /** The vendor's reason or question, when the event has one. */
        detail: string | null;
        /** YYYY-MM-DD: the protection window's end, when the event has one. */
        date: string | null;
        link: string;
      };
    }
  | {
      template: "deal-review-overdue";
      to: string;
      locale: Locale;
      tenantSlug: string;
      data: { tenantName: string; customerName: string; partnerName: string; link: string };
    };

export type DealMailEvent = "approved" | "rejected" | "info_requested" | "extension_granted" | "extension_denied" | "expiring" | "expired";

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
    "deal-update": (d) => {
      const about = `your registration for ${d.customerName}`;
      const lines: Record<DealMailEvent, [string, string]> = {
        approved: [`Approved: ${d.customerName}`, `${d.tenantName} approved ${about}. It is protected until ${d.date}.`],
        rejected: [`Not approved: ${d.customerName}`, `${d.tenantName} did not approve ${about}.`],
        info_requested: [`${d.tenantName} needs more on ${d.customerName}`, `${d.tenantName} needs more information before deciding on ${about}.`],
        extension_granted: [`Protection extended: ${d.customerName}`, `${d.tenantName} extended the protection of ${about} until ${d.date}.`],
        extension_denied: [`Extension not granted: ${d.customerName}`, `${d.tenantName} did not extend the protection of ${about}.`],
        expiring: [`Protection ends on ${d.date}: ${d.customerName}`, `The protection of ${about} ends on ${d.date}. Close it, or ask for an extension in time.`],
        expired: [`Protection ended: ${d.customerName}`, `The protection of ${about} has ended.`],
      };
      const [subject, line] = lines[d.event];
      return { subject, lines: d.detail ? [line, d.detail] : [line], action: "Open the deal" };
    },
    "deal-review-overdue": (d) => ({
      subject: `Review overdue: ${d.customerName} (${d.partnerName})`,
      lines: [`${d.partnerName}'s registration for ${d.customerName} is past its review deadline. The partner can see that it is waiting.`],
      action: "Review it now",
    }),
    "tier-changed": (d) => ({
      subject: `${d.partnerName} is now ${d.tierName} in the ${d.tenantName} partner program`,
      lines: [
        `Congratulations! ${d.partnerName} has been promoted to the ${d.tierName} tier of the ${d.tenantName} partner program.`,
        "Your new benefits apply from today. See your tier, its benefits and what it takes to reach the next one in the portal.",
      ],
      action: "See your tier",
    }),
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
    "agreement-published": (d) => ({
      subject: `Please review and accept: ${d.title} (version ${d.version})`,
      lines: [
        `${d.tenantName} published version ${d.version} of "${d.title}". A partner admin of your organization must accept it to keep using the partner portal.`,
        d.graceDays > 0
          ? `If your organization accepted an earlier version, you can keep working for ${d.graceDays} days before accepting this one.`
          : "Please accept it now to keep access to the portal.",
      ],
      action: "Review the agreement",
    }),
    "application-received": (d) => ({
      subject: `We received your application to the ${d.tenantName} partner program`,
      lines: [`Thank you, ${d.contactName}. We received ${d.company}'s application to become a ${d.tenantName} partner.`, "Our team will review it and reply to this email address."],
      action: "Visit the partner portal",
    }),
    "application-declined": (d) => ({
      subject: `Your application to the ${d.tenantName} partner program`,
      lines: [`Thank you for your interest, ${d.contactName}. We are unable to accept ${d.company}'s application at this time.`, `Reason: ${d.reason}`],
      action: "Visit the partner portal",
    }),
    "application-info-requested": (d) => ({
      subject: `${d.tenantName} needs more information about your partner application`,
      lines: [
        `Hello ${d.contactName}, before we can decide on ${d.company}'s application we need more information:`,
        d.message,
        d.replyTo ? `Please reply to ${d.replyTo} with the details.` : "Please reply with the details.",
      ],
      action: "Visit the partner portal",
    }),
  },
  es: {
    "deal-update": (d) => {
      const about = `tu registro de ${d.customerName}`;
      const lines: Record<DealMailEvent, [string, string]> = {
        approved: [`Aprobado: ${d.customerName}`, `${d.tenantName} aprobó ${about}. Está protegido hasta el ${d.date}.`],
        rejected: [`No aprobado: ${d.customerName}`, `${d.tenantName} no aprobó ${about}.`],
        info_requested: [`${d.tenantName} necesita más datos sobre ${d.customerName}`, `${d.tenantName} necesita más información antes de decidir sobre ${about}.`],
        extension_granted: [`Protección ampliada: ${d.customerName}`, `${d.tenantName} amplió la protección de ${about} hasta el ${d.date}.`],
        extension_denied: [`Ampliación no concedida: ${d.customerName}`, `${d.tenantName} no amplió la protección de ${about}.`],
        expiring: [`La protección termina el ${d.date}: ${d.customerName}`, `La protección de ${about} termina el ${d.date}. Ciérralo o pide una ampliación a tiempo.`],
        expired: [`Protección terminada: ${d.customerName}`, `La protección de ${about} ha terminado.`],
      };
      const [subject, line] = lines[d.event];
      return { subject, lines: d.detail ? [line, d.detail] : [line], action: "Abrir la oportunidad" };
    },
    "deal-review-overdue": (d) => ({
      subject: `Revisión atrasada: ${d.customerName} (${d.partnerName})`,
      lines: [`El registro de ${d.partnerName} para ${d.customerName} ha superado su plazo de revisión. El socio puede ver que está en espera.`],
      action: "Revisar ahora",
    }),
    "tier-changed": (d) => ({
      subject: `${d.partnerName} ahora es ${d.tierName} en el programa de socios de ${d.tenantName}`,
      lines: [
        `¡Enhorabuena! ${d.partnerName} ha ascendido al nivel ${d.tierName} del programa de socios de ${d.tenantName}.`,
        "Tus nuevos beneficios se aplican desde hoy. Consulta en el portal tu nivel, sus beneficios y lo que necesitas para alcanzar el siguiente.",
      ],
      action: "Ver tu nivel",
    }),
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
    "agreement-published": (d) => ({
      subject: `Revisa y acepta: ${d.title} (versión ${d.version})`,
      lines: [
        `${d.tenantName} publicó la versión ${d.version} de «${d.title}». Un administrador de tu organización debe aceptarla para seguir usando el portal de socios.`,
        d.graceDays > 0
          ? `Si tu organización aceptó una versión anterior, puedes seguir trabajando ${d.graceDays} días antes de aceptar esta.`
          : "Acéptala ahora para mantener el acceso al portal.",
      ],
      action: "Revisar el acuerdo",
    }),
    "application-received": (d) => ({
      subject: `Recibimos tu solicitud al programa de socios de ${d.tenantName}`,
      lines: [`Gracias, ${d.contactName}. Recibimos la solicitud de ${d.company} para ser socio de ${d.tenantName}.`, "Nuestro equipo la revisará y responderá a esta dirección de correo."],
      action: "Visitar el portal de socios",
    }),
    "application-declined": (d) => ({
      subject: `Tu solicitud al programa de socios de ${d.tenantName}`,
      lines: [`Gracias por tu interés, ${d.contactName}. Por ahora no podemos aceptar la solicitud de ${d.company}.`, `Motivo: ${d.reason}`],
      action: "Visitar el portal de socios",
    }),
    "application-info-requested": (d) => ({
      subject: `${d.tenantName} necesita más información sobre tu solicitud`,
      lines: [
        `Hola, ${d.contactName}. Antes de decidir sobre la solicitud de ${d.company} necesitamos más información:`,
        d.message,
        d.replyTo ? `Responde a ${d.replyTo} con los detalles.` : "Responde con los detalles.",
      ],
      action: "Visitar el portal de socios",
    }),
  },
  fr: {
    "deal-update": (d) => {
      const about = `votre enregistrement pour ${d.customerName}`;
      const lines: Record<DealMailEvent, [string, string]> = {
        approved: [`Approuvé : ${d.customerName}`, `${d.tenantName} a approuvé ${about}. Il est protégé jusqu'au ${d.date}.`],
        rejected: [`Non approuvé : ${d.customerName}`, `${d.tenantName} n'a pas approuvé ${about}.`],
        info_requested: [`${d.tenantName} a besoin de précisions sur ${d.customerName}`, `${d.tenantName} a besoin d'informations supplémentaires avant de statuer sur ${about}.`],
        extension_granted: [`Protection prolongée : ${d.customerName}`, `${d.tenantName} a prolongé la protection de ${about} jusqu'au ${d.date}.`],
        extension_denied: [`Prolongation refusée : ${d.customerName}`, `${d.tenantName} n'a pas prolongé la protection de ${about}.`],
        expiring: [`La protection se termine le ${d.date} : ${d.customerName}`, `La protection de ${about} se termine le ${d.date}. Concluez-le ou demandez une prolongation à temps.`],
        expired: [`Protection terminée : ${d.customerName}`, `La protection de ${about} est terminée.`],
      };
      const [subject, line] = lines[d.event];
      return { subject, lines: d.detail ? [line, d.detail] : [line], action: "Ouvrir l'opportunité" };
    },
    "deal-review-overdue": (d) => ({
      subject: `Examen en retard : ${d.customerName} (${d.partnerName})`,
      lines: [`L'enregistrement de ${d.partnerName} pour ${d.customerName} a dépassé son délai d'examen. Le partenaire voit qu'il est en attente.`],
      action: "Examiner maintenant",
    }),
    "tier-changed": (d) => ({
      subject: `${d.partnerName} passe au niveau ${d.tierName} du programme partenaires ${d.tenantName}`,
      lines: [
        `Félicitations ! ${d.partnerName} accède au niveau ${d.tierName} du programme partenaires ${d.tenantName}.`,
        "Vos nouveaux avantages s'appliquent dès aujourd'hui. Consultez dans le portail votre niveau, ses avantages et ce qu'il faut pour atteindre le suivant.",
      ],
      action: "Voir votre niveau",
    }),
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
    "agreement-published": (d) => ({
      subject: `À examiner et accepter : ${d.title} (version ${d.version})`,
      lines: [
        `${d.tenantName} a publié la version ${d.version} de « ${d.title} ». Un administrateur de votre organisation doit l'accepter pour continuer à utiliser le portail partenaires.`,
        d.graceDays > 0
          ? `Si votre organisation a accepté une version précédente, vous pouvez continuer à travailler pendant ${d.graceDays} jours avant d'accepter celle-ci.`
          : "Acceptez-la dès maintenant pour conserver l'accès au portail.",
      ],
      action: "Consulter l'accord",
    }),
    "application-received": (d) => ({
      subject: `Nous avons reçu votre candidature au programme partenaires ${d.tenantName}`,
      lines: [`Merci, ${d.contactName}. Nous avons reçu la candidature de ${d.company} pour devenir partenaire ${d.tenantName}.`, "Notre équipe va l'examiner et répondra à cette adresse e-mail."],
      action: "Visiter le portail partenaires",
    }),
    "application-declined": (d) => ({
      subject: `Votre candidature au programme partenaires ${d.tenantName}`,
      lines: [`Merci de votre intérêt, ${d.contactName}. Nous ne pouvons pas accepter la candidature de ${d.company} pour le moment.`, `Motif : ${d.reason}`],
      action: "Visiter le portail partenaires",
    }),
    "application-info-requested": (d) => ({
      subject: `${d.tenantName} a besoin de précisions sur votre candidature`,
      lines: [
        `Bonjour ${d.contactName}, avant de statuer sur la candidature de ${d.company}, nous avons besoin de précisions :`,
        d.message,
        d.replyTo ? `Merci de répondre à ${d.replyTo} avec ces informations.` : "Merci de répondre avec ces informations.",
      ],
      action: "Visiter le portail partenaires",
    }),
  },
  zh: {
    "deal-update": (d) => {
      const about = `您为 ${d.customerName} 提交的报备`;
      const lines: Record<DealMailEvent, [string, string]> = {
        approved: [`已批准：${d.customerName}`, `${d.tenantName} 已批准${about}，保护期至 ${d.date}。`],
        rejected: [`未批准：${d.customerName}`, `${d.tenantName} 未批准${about}。`],
        info_requested: [`${d.tenantName} 需要补充 ${d.customerName} 的信息`, `${d.tenantName} 在对${about}作出决定前需要更多信息。`],
        extension_granted: [`保护期已延长：${d.customerName}`, `${d.tenantName} 已将${about}的保护期延长至 ${d.date}。`],
        extension_denied: [`延期未获批准：${d.customerName}`, `${d.tenantName} 未延长${about}的保护期。`],
        expiring: [`保护期将于 ${d.date} 结束：${d.customerName}`, `${about}的保护期将于 ${d.date} 结束。请及时成交或申请延期。`],
        expired: [`保护期已结束：${d.customerName}`, `${about}的保护期已结束。`],
      };
      const [subject, line] = lines[d.event];
      return { subject, lines: d.detail ? [line, d.detail] : [line], action: "打开商机" };
    },
    "deal-review-overdue": (d) => ({
      subject: `审核逾期：${d.customerName}（${d.partnerName}）`,
      lines: [`${d.partnerName} 为 ${d.customerName} 提交的报备已超过审核期限。合作伙伴可以看到它仍在等待。`],
      action: "立即审核",
    }),
    "tier-changed": (d) => ({
      subject: `${d.partnerName} 已晋升为 ${d.tenantName} 合作伙伴计划的 ${d.tierName} 级别`,
      lines: [`恭喜！${d.partnerName} 已晋升为 ${d.tenantName} 合作伙伴计划的 ${d.tierName} 级别。`, "新权益自今日起生效。请在门户中查看您的级别、权益以及晋升下一级别的条件。"],
      action: "查看您的级别",
    }),
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
    "agreement-published": (d) => ({
      subject: `请审阅并接受：${d.title}（第 ${d.version} 版）`,
      lines: [
        `${d.tenantName} 发布了《${d.title}》第 ${d.version} 版。您所在组织的合作伙伴管理员必须接受后才能继续使用合作伙伴门户。`,
        d.graceDays > 0
          ? `如果您的组织已接受过旧版本，您可以在 ${d.graceDays} 天内继续使用门户，然后再接受此版本。`
          : "请立即接受，以保留门户访问权限。",
      ],
      action: "查看协议",
    }),
    "application-received": (d) => ({
      subject: `我们已收到您加入 ${d.tenantName} 合作伙伴计划的申请`,
      lines: [`${d.contactName}，感谢您！我们已收到 ${d.company} 成为 ${d.tenantName} 合作伙伴的申请。`, "我们的团队将进行审核，并回复到此邮箱。"],
      action: "访问合作伙伴门户",
    }),
    "application-declined": (d) => ({
      subject: `关于您加入 ${d.tenantName} 合作伙伴计划的申请`,
      lines: [`${d.contactName}，感谢您的关注。我们目前无法接受 ${d.company} 的申请。`, `原因：${d.reason}`],
      action: "访问合作伙伴门户",
    }),
    "application-info-requested": (d) => ({
      subject: `${d.tenantName} 需要您补充合作伙伴申请信息`,
      lines: [
        `${d.contactName}，您好！在对 ${d.company} 的申请作出决定之前，我们需要更多信息：`,
        d.message,
        d.replyTo ? `请将详细信息回复至 ${d.replyTo}。` : "请回复详细信息。",
      ],
      action: "访问合作伙伴门户",
    }),
  },
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** The tenant's look for its mail; colours are `#rrggbb`, validated when branding is saved. */
export interface EmailBranding {
  portalName: string;
  logoUrl: string | null;
  primaryColor: string;
  textColor: string;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export function renderEmail(intent: EmailIntent, branding?: EmailBranding): RenderedEmail {
  const strings = catalog[intent.locale] ?? catalog.en;
  const render = strings[intent.template] as (d: EmailIntent["data"]) => { subject: string; lines: string[]; action: string };
  // The portal's name as the vendor brands it stands where the tenant's name would.
  const { subject, lines, action } = render(branding ? { ...intent.data, tenantName: branding.portalName } : intent.data);
  const link = intent.data.link;
  const background = branding && HEX_COLOR.test(branding.primaryColor) ? branding.primaryColor : "#2563eb";
  const foreground = branding && HEX_COLOR.test(branding.textColor) ? branding.textColor : "#ffffff";
  const header = !branding
    ? ""
    : branding.logoUrl
      ? `<p><img src="${escapeHtml(branding.logoUrl)}" alt="${escapeHtml(branding.portalName)}" style="max-height:40px"></p>\n`
      : `<p style="font-weight:700;font-size:18px;color:${background}">${escapeHtml(branding.portalName)}</p>\n`;
  const text = [...lines, "", `${action}: ${link}`].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">
${header}${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")}
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:${background};color:${foreground};border-radius:6px;text-decoration:none">${escapeHtml(action)}</a></p>
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
