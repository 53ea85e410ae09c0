CREATE TABLE `deal_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`deal_id` text NOT NULL,
	`author_id` text,
	`author_side` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deal_comments_deal_idx` ON `deal_comments` (`deal_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `deal_events` (
	`id` text PRIMARY KEY NOT NULL,
	`deal_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`data` text
);
--> statement-breakpoint
CREATE INDEX `deal_events_deal_idx` ON `deal_events` (`deal_id`,`at`);--> statement-breakpoint
CREATE TABLE `deal_extension_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`deal_id` text NOT NULL,
	`requested_by` text NOT NULL,
	`justification` text NOT NULL,
	`status` text NOT NULL,
	`days` integer,
	`decided_by` text,
	`decided_at` integer,
	`decision_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deal_extensions_deal_idx` ON `deal_extension_requests` (`deal_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `deal_extensions_status_idx` ON `deal_extension_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `deal_extensions_one_pending_idx` ON `deal_extension_requests` (`deal_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `deal_name_tokens` (
	`token` text NOT NULL,
	`deal_id` text NOT NULL,
	PRIMARY KEY(`token`, `deal_id`),
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deal_name_tokens_deal_idx` ON `deal_name_tokens` (`deal_id`);--> statement-breakpoint
CREATE TABLE `deals` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_org_id` text NOT NULL,
	`submitted_by` text NOT NULL,
	`reviewer_id` text,
	`status` text NOT NULL,
	`customer_name` text NOT NULL,
	`customer_name_key` text NOT NULL,
	`customer_domain` text,
	`customer_domain_key` text,
	`contact_name` text,
	`contact_email` text,
	`country` text,
	`value_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`expected_close_at` integer,
	`products` text NOT NULL,
	`product_keys` text NOT NULL,
	`notes` text,
	`custom_fields` text NOT NULL,
	`conflict` text,
	`rules_version` integer NOT NULL,
	`submitted_at` integer,
	`review_due_at` integer,
	`review_escalated_at` integer,
	`decided_at` integer,
	`decided_by` text,
	`decision_reason` text,
	`approved_at` integer,
	`protection_days` integer,
	`expires_at` integer,
	`reminder_sent_at` integer,
	`extensions_used` integer DEFAULT 0 NOT NULL,
	`won_amount_minor` integer,
	`closed_at` integer,
	`lost_reason` text,
	`idempotency_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `deals_domain_key_idx` ON `deals` (`customer_domain_key`,`status`);--> statement-breakpoint
CREATE INDEX `deals_name_key_idx` ON `deals` (`customer_name_key`,`status`);--> statement-breakpoint
CREATE INDEX `deals_status_expires_idx` ON `deals` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `deals_status_review_idx` ON `deals` (`status`,`review_due_at`);--> statement-breakpoint
CREATE INDEX `deals_org_created_idx` ON `deals` (`partner_org_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `deals_submitter_created_idx` ON `deals` (`submitted_by`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `deals_created_idx` ON `deals` (`created_at`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `deals_idempotency_idx` ON `deals` (`submitted_by`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `domain_events` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`partner_org_id` text,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`data` text,
	`processed_at` integer
);
--> statement-breakpoint
CREATE INDEX `domain_events_pending_idx` ON `domain_events` (`processed_at`,`at`);