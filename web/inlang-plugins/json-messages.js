// Local inlang storage plugin: reads and writes flat `messages/{locale}.json`
// catalogs ("key": "Text with {variable}"). It stands in for the CDN-hosted
// @inlang/plugin-message-format, which the SDK would fetch over the network at
// compile time; our build machines reach the npm registry only. The SDK loads
// this file as a data: URL, so it must stay a single module without imports.

const KEY = "plugin.portal.jsonMessages";

function pathPatternOf(settings) {
	const pattern = settings[KEY] && settings[KEY].pathPattern;
	if (typeof pattern !== "string") {
		throw new Error(`${KEY}.pathPattern must be a string like "./messages/{locale}.json"`);
	}
	return pattern;
}

// "Hello {name}!" -> text and variable-reference expressions; "\{" escapes a brace.
function parsePattern(value) {
	const pattern = [];
	const inputs = [];
	let buffer = "";
	for (let i = 0; i < value.length; i++) {
		const char = value[i];
		if (char === "\\" && (value[i + 1] === "{" || value[i + 1] === "}" || value[i + 1] === "\\")) {
			buffer += value[i + 1];
			i++;
			continue;
		}
		if (char === "{") {
			const close = value.indexOf("}", i + 1);
			const name = close === -1 ? "" : value.slice(i + 1, close).trim();
			if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
				buffer += char;
				continue;
			}
			if (buffer) pattern.push({ type: "text", value: buffer });
			buffer = "";
			pattern.push({ type: "expression", arg: { type: "variable-reference", name } });
			if (!inputs.includes(name)) inputs.push(name);
			i = close;
			continue;
		}
		buffer += char;
	}
	if (buffer) pattern.push({ type: "text", value: buffer });
	return { pattern, inputs };
}

function serializePattern(pattern) {
	return pattern
		.map((part) => {
			if (part.type === "text") return part.value.replace(/[{}\\]/g, (c) => "\\" + c);
			if (part.type === "expression" && part.arg.type === "variable-reference") return `{${part.arg.name}}`;
			return "";
		})
		.join("");
}

export default {
	key: KEY,
	toBeImportedFiles: async ({ settings }) => {
		const pattern = pathPatternOf(settings);
		return settings.locales.map((locale) => ({ locale, path: pattern.replace("{locale}", locale) }));
	},
	importFiles: async ({ files }) => {
		const bundles = new Map();
		const messages = [];
		const variants = [];
		for (const file of files) {
			const json = JSON.parse(new TextDecoder().decode(file.content));
			for (const [key, value] of Object.entries(json)) {
				if (key === "$schema") continue;
				if (typeof value !== "string") {
					throw new Error(`messages/${file.locale}.json: "${key}" must be a string`);
				}
				const { pattern, inputs } = parsePattern(value);
				const bundle = bundles.get(key) ?? { id: key, declarations: [] };
				for (const name of inputs) {
					if (!bundle.declarations.some((d) => d.name === name)) {
						bundle.declarations.push({ type: "input-variable", name });
					}
				}
				bundles.set(key, bundle);
				messages.push({ bundleId: key, locale: file.locale, selectors: [] });
				variants.push({ messageBundleId: key, messageLocale: file.locale, matches: [], pattern });
			}
		}
		return { bundles: [...bundles.values()], messages, variants };
	},
	exportFiles: async ({ messages, variants, settings }) => {
		const pattern = pathPatternOf(settings);
		const byLocale = new Map();
		for (const message of messages) {
			const variant = variants.find((v) => v.messageId === message.id);
			if (!variant) continue;
			const catalog = byLocale.get(message.locale) ?? {};
			catalog[message.bundleId] = serializePattern(variant.pattern);
			byLocale.set(message.locale, catalog);
		}
		return [...byLocale.entries()].map(([locale, catalog]) => ({
			locale,
			name: pattern.replace("{locale}", locale).replace(/^.*\//, ""),
			content: new TextEncoder().encode(JSON.stringify(catalog, null, "\t") + "\n"),
		}));
	},
};
