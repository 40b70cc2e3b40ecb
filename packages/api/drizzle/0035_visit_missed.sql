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
	CONSTRAINT "warnings_kind" CHECK("__new_warnings"."kind" in ('request_unaccepted', 'request_overdue', 'objection_unanswered', 'fund_running_out', 'item_out_of_stock', 'hours_unconfirmed', 'grid_without_volunteer', 'milestone_late', 'commitment_due', 'commitment_overdue', 'visit_missed')),
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