CREATE TABLE `warning_refreshes` (
	`community_id` integer PRIMARY KEY NOT NULL,
	`refreshed_at` integer NOT NULL,
	`stale` integer DEFAULT false NOT NULL,
	`marks` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `warnings` (
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
	CONSTRAINT "warnings_kind" CHECK("warnings"."kind" in ('request_unaccepted', 'request_overdue', 'objection_unanswered', 'fund_running_out', 'item_out_of_stock', 'hours_unconfirmed', 'grid_without_volunteer', 'milestone_late')),
	CONSTRAINT "warnings_cleared" CHECK("warnings"."open" = ("warnings"."cleared_at" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `warnings_subject_open` ON `warnings` (`kind`,`subject`) WHERE "warnings"."open" = 1;--> statement-breakpoint
CREATE INDEX `warnings_community` ON `warnings` (`community_id`,`open`,`id`);--> statement-breakpoint
CREATE INDEX `warnings_subject_cleared` ON `warnings` (`kind`,`subject`,`cleared_at`);--> statement-breakpoint
CREATE INDEX `warnings_street` ON `warnings` (`street_id`,`open`,`id`);--> statement-breakpoint
CREATE INDEX `warnings_grid` ON `warnings` (`grid_id`,`open`,`id`);--> statement-breakpoint
CREATE TABLE `dashboard_figures` (
	`place_kind` text NOT NULL,
	`place_id` integer NOT NULL,
	`closed_through` text NOT NULL,
	`closed_at` integer NOT NULL,
	`closed` text NOT NULL,
	`computed_at` integer NOT NULL,
	`current` text NOT NULL,
	PRIMARY KEY(`place_kind`, `place_id`),
	CONSTRAINT "dashboard_figures_kind" CHECK("dashboard_figures"."place_kind" in ('street', 'community', 'grid'))
);
--> statement-breakpoint
ALTER TABLE `project_milestones` ADD `due_on` text;--> statement-breakpoint
CREATE INDEX `service_hours_shift` ON `service_hours` (`shift_id`);--> statement-breakpoint
CREATE INDEX `request_holds_request` ON `request_holds` (`request_id`);