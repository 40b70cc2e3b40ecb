CREATE TABLE `commitment_report_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`photo` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `commitment_reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `commitment_report_photos_report` ON `commitment_report_photos` (`report_id`,`id`);--> statement-breakpoint
CREATE TABLE `commitment_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`commitment_id` integer NOT NULL,
	`author_user_id` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`commitment_id`) REFERENCES `commitments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "commitment_reports_text_len" CHECK(length("commitment_reports"."text") between 1 and 500)
);
--> statement-breakpoint
CREATE INDEX `commitment_reports_commitment` ON `commitment_reports` (`commitment_id`,`id`);--> statement-breakpoint
CREATE TABLE `commitments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`committer_kind` text NOT NULL,
	`committer_user_id` integer,
	`partner_unit_id` integer,
	`what` text NOT NULL,
	`detail` text,
	`due_on` text NOT NULL,
	`link_kind` text,
	`link_id` integer,
	`state` text DEFAULT 'open' NOT NULL,
	`outcome_reason` text,
	`decided_by` integer,
	`decided_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`committer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_unit_id`) REFERENCES `partner_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "commitments_state" CHECK("commitments"."state" in ('open', 'kept', 'notKept', 'withdrawn')),
	CONSTRAINT "commitments_kind" CHECK("commitments"."committer_kind" in ('member', 'branch', 'partner')),
	CONSTRAINT "commitments_committer" CHECK(("commitments"."committer_user_id" is not null) = ("commitments"."committer_kind" = 'member') and ("commitments"."partner_unit_id" is not null) = ("commitments"."committer_kind" = 'partner')),
	CONSTRAINT "commitments_link" CHECK(("commitments"."link_kind" is null) = ("commitments"."link_id" is null)),
	CONSTRAINT "commitments_what_len" CHECK(length("commitments"."what") between 1 and 200),
	CONSTRAINT "commitments_reason" CHECK("commitments"."state" in ('open', 'kept') or length("commitments"."outcome_reason") between 1 and 200)
);
--> statement-breakpoint
CREATE INDEX `commitments_community_id` ON `commitments` (`community_id`,`id`);--> statement-breakpoint
CREATE INDEX `commitments_community_state` ON `commitments` (`community_id`,`state`,`id`);--> statement-breakpoint
CREATE INDEX `commitments_community_kind` ON `commitments` (`community_id`,`committer_kind`,`id`);--> statement-breakpoint
CREATE INDEX `commitments_created_by` ON `commitments` (`created_by`,`id`);--> statement-breakpoint
CREATE INDEX `commitments_open_due` ON `commitments` (`community_id`,`due_on`,`id`) WHERE "commitments"."state" = 'open';--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_warnings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`street_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`grid_id` integer,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`params` text NOT NULL,
	`path` text NOT NULL,
	`open` integer DEFAULT true NOT NULL,
	`opened_at` integer NOT NULL,
	`cleared_at` integer,
	`acknowledged_by` integer,
	`acknowledged_at` integer,
	FOREIGN KEY (`street_id`) REFERENCES `streets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "warnings_kind" CHECK("__new_warnings"."kind" in ('request_unaccepted', 'request_overdue', 'objection_unanswered', 'fund_running_out', 'item_out_of_stock', 'hours_unconfirmed', 'grid_without_volunteer', 'milestone_late', 'commitment_due', 'commitment_overdue')),
	CONSTRAINT "warnings_cleared" CHECK("__new_warnings"."open" = ("__new_warnings"."cleared_at" is null))
);
--> statement-breakpoint
INSERT INTO `__new_warnings`("id", "street_id", "community_id", "grid_id", "kind", "subject", "params", "path", "open", "opened_at", "cleared_at", "acknowledged_by", "acknowledged_at") SELECT "id", "street_id", "community_id", "grid_id", "kind", "subject", "params", "path", "open", "opened_at", "cleared_at", "acknowledged_by", "acknowledged_at" FROM `warnings`;--> statement-breakpoint
DROP TABLE `warnings`;--> statement-breakpoint
ALTER TABLE `__new_warnings` RENAME TO `warnings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `warnings_subject_open` ON `warnings` (`kind`,`subject`) WHERE "warnings"."open" = 1;--> statement-breakpoint
CREATE INDEX `warnings_community` ON `warnings` (`community_id`,`open`,`id`);--> statement-breakpoint
CREATE INDEX `warnings_subject_cleared` ON `warnings` (`kind`,`subject`,`cleared_at`);--> statement-breakpoint
CREATE INDEX `warnings_street` ON `warnings` (`street_id`,`open`,`id`);--> statement-breakpoint
CREATE INDEX `warnings_grid` ON `warnings` (`grid_id`,`open`,`id`);