CREATE TABLE `agreement_acceptances` (
	`id` text PRIMARY KEY NOT NULL,
	`agreement_id` text NOT NULL,
	`partner_org_id` text NOT NULL,
	`membership_id` text NOT NULL,
	`signed_name` text NOT NULL,
	`ip` text,
	`user_agent` text,
	`accepted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agreement_acceptances_org_idx` ON `agreement_acceptances` (`partner_org_id`,`accepted_at`);--> statement-breakpoint
CREATE INDEX `agreement_acceptances_agreement_idx` ON `agreement_acceptances` (`agreement_id`);--> statement-breakpoint
CREATE TABLE `agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`grace_days` integer NOT NULL,
	`published_by` text NOT NULL,
	`published_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_version_unique` ON `agreements` (`version`);--> statement-breakpoint
CREATE TABLE `onboarding_completions` (
	`partner_org_id` text NOT NULL,
	`step_id` text NOT NULL,
	`completed_at` integer NOT NULL,
	`completed_by` text,
	PRIMARY KEY(`partner_org_id`, `step_id`)
);
--> statement-breakpoint
CREATE TABLE `onboarding_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`link_url` text,
	`config` text,
	`created_at` integer NOT NULL,
	`archived_at` integer
);
--> statement-breakpoint
CREATE INDEX `onboarding_steps_position_idx` ON `onboarding_steps` (`position`);--> statement-breakpoint
CREATE TABLE `partner_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`company` text NOT NULL,
	`website_domain` text,
	`country` text,
	`partner_type` text,
	`contact_name` text NOT NULL,
	`contact_email` text NOT NULL,
	`message` text,
	`status` text NOT NULL,
	`decision_reason` text,
	`partner_org_id` text,
	`reviewed_by` text,
	`reviewed_at` integer,
	`created_at` integer NOT NULL,
	`ip` text
);
--> statement-breakpoint
CREATE INDEX `partner_applications_status_idx` ON `partner_applications` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `partner_applications_email_idx` ON `partner_applications` (`contact_email`);--> statement-breakpoint
CREATE TABLE `partner_metrics` (
	`partner_org_id` text NOT NULL,
	`metric` text NOT NULL,
	`value` real NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`partner_org_id`, `metric`)
);
--> statement-breakpoint
CREATE TABLE `portal_branding` (
	`id` text PRIMARY KEY NOT NULL,
	`portal_name` text NOT NULL,
	`logo_url` text,
	`primary_color` text NOT NULL,
	`welcome_text` text,
	`program_description` text,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `program_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`version` integer NOT NULL,
	`rules` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `program_rules_kind_version_idx` ON `program_rules` (`kind`,`version`);--> statement-breakpoint
CREATE TABLE `tier_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_org_id` text NOT NULL,
	`from_tier_id` text,
	`to_tier_id` text,
	`direction` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`evaluated_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer
);
--> statement-breakpoint
CREATE INDEX `tier_changes_org_idx` ON `tier_changes` (`partner_org_id`,`evaluated_at`);--> statement-breakpoint
CREATE INDEX `tier_changes_status_idx` ON `tier_changes` (`status`,`evaluated_at`);--> statement-breakpoint
CREATE TABLE `tiers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`rank` integer NOT NULL,
	`color` text NOT NULL,
	`benefits` text NOT NULL,
	`criteria` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`archived_at` integer
);
--> statement-breakpoint
CREATE INDEX `tiers_rank_idx` ON `tiers` (`rank`);--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `legal_name` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `website_domain` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `country` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `region` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `partner_type` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `industries` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `products` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `size` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `address` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `logo_url` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `owner_id` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `status_reason` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `status_changed_at` integer;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `tier_id` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `tier_since` integer;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `search_text` text;--> statement-breakpoint
ALTER TABLE `partner_orgs` ADD `updated_at` integer;--> statement-breakpoint
CREATE INDEX `partner_orgs_status_idx` ON `partner_orgs` (`status`,`name`);--> statement-breakpoint
CREATE INDEX `partner_orgs_tier_idx` ON `partner_orgs` (`tier_id`,`name`);--> statement-breakpoint
CREATE INDEX `partner_orgs_type_idx` ON `partner_orgs` (`partner_type`,`name`);--> statement-breakpoint
CREATE INDEX `partner_orgs_region_idx` ON `partner_orgs` (`region`,`name`);--> statement-breakpoint
CREATE INDEX `partner_orgs_owner_idx` ON `partner_orgs` (`owner_id`,`name`);--> statement-breakpoint
CREATE INDEX `partner_orgs_created_idx` ON `partner_orgs` (`created_at`,`id`);