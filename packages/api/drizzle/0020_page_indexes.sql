CREATE TABLE `hour_totals` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`community_id` integer,
	`minutes` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `hour_totals_community_minutes` ON `hour_totals` (`community_id`,`minutes`);--> statement-breakpoint
CREATE TABLE `request_counts` (
	`community_id` integer NOT NULL,
	`status` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`community_id`, `status`)
);
--> statement-breakpoint
DROP INDEX `ledger_entries_account`;--> statement-breakpoint
CREATE INDEX `ledger_entries_account` ON `ledger_entries` (`account`,`created_at`);--> statement-breakpoint
CREATE INDEX `volunteers_community_full` ON `volunteers` (`community_id`,`name_full`);--> statement-breakpoint
CREATE INDEX `requests_community` ON `requests` (`community_id`,`id`);--> statement-breakpoint
CREATE INDEX `requests_community_closed` ON `requests` (`community_id`,`status`,`closed_at`);--> statement-breakpoint
CREATE INDEX `redemptions_user_status` ON `redemptions` (`user_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `redemptions_user` ON `redemptions` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `rating_awards_community_period` ON `rating_awards` (`community_id`,"period_label" desc,`id`);