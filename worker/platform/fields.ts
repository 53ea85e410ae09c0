// Field rules shared by every input that carries them, so "email" or
// "password" means the same thing in signup, invitations and resets.
import { z } from "@hono/zod-openapi";
import { roles } from "../../db/tenant/schema.ts";

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long.")
  .pipe(z.email("Enter a valid email address."))
  .openapi({ example: "ana@example.com" });

export const passwordField = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
  .openapi({ example: "correct horse battery" });

export const personNameField = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(120, "Use at most 120 characters.")
  .openapi({ example: "Ana García" });

export const RESERVED_SLUGS = new Set(["api", "www", "app", "admin", "t", "dev", "static", "assets", "signup", "login", "mail", "status", "docs", "help", "support"]);

export const slugField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,30}[a-z0-9])$/, "Use 3–32 lowercase letters, digits or hyphens, starting and ending with a letter or digit.")
  .refine((s) => !RESERVED_SLUGS.has(s), "This address is reserved. Choose another.")
  .openapi({ example: "acme" });

export const roleField = z.enum(roles).openapi({ example: "partner_user" });

export const tokenField = z.string().min(10, "This link is not valid.").max(200, "This link is not valid.");

export const sessionSchema = z
  .object({ token: z.string(), expiresAt: z.number().int() })
  .openapi("Session");
