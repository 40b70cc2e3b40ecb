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
CREATE TABLE `health_probes` (
	`id` integer PRIMARY KEY NOT NULL,
	`probed_at_s` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `offers_community`;--> statement-breakpoint
CREATE INDEX `offers_community` ON `offers` (`community_id`,`archived_at`,`category`,`id`);--> statement-breakpoint
DROP INDEX `ledger_entries_account`;--> statement-breakpoint
CREATE INDEX `ledger_entries_unsealed` ON `ledger_entries` (`id`) WHERE "ledger_entries"."hash" is null;--> statement-breakpoint
CREATE INDEX `ledger_entries_account` ON `ledger_entries` (`account`,`created_at`);--> statement-breakpoint
DROP INDEX `rating_cycles_community_status`;--> statement-breakpoint
CREATE INDEX `rating_cycles_community` ON `rating_cycles` (`community_id`,`id`);--> statement-breakpoint
CREATE INDEX `rating_cycles_community_status` ON `rating_cycles` (`community_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `users_building` ON `users` (`building_id`);--> statement-breakpoint
CREATE INDEX `partner_units_community` ON `partner_units` (`community_id`,`archived_at`,`id`);--> statement-breakpoint
CREATE INDEX `volunteers_community_full` ON `volunteers` (`community_id`,`name_full`);--> statement-breakpoint
CREATE INDEX `volunteers_community_user` ON `volunteers` (`community_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `requests_community` ON `requests` (`community_id`,`id`);--> statement-breakpoint
CREATE INDEX `requests_community_closed` ON `requests` (`community_id`,`status`,`closed_at`);--> statement-breakpoint
CREATE INDEX `requests_done` ON `requests` (`status`,`done_at`);--> statement-breakpoint
CREATE INDEX `projects_community_id` ON `projects` (`community_id`,`id`);--> statement-breakpoint
CREATE INDEX `donations_community` ON `donations` (`community_id`,`id`);--> statement-breakpoint
CREATE INDEX `redemptions_user_status` ON `redemptions` (`user_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `redemptions_user` ON `redemptions` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `rating_awards_community_period` ON `rating_awards` (`community_id`,"period_label" desc,`id`);--> statement-breakpoint
CREATE INDEX `rating_nominations_cycle` ON `rating_nominations` (`cycle_id`,`id`);--> statement-breakpoint
CREATE INDEX `rating_nominations_nominator` ON `rating_nominations` (`nominator_user_id`,`id`);--> statement-breakpoint
CREATE INDEX `rating_nominations_subject_key` ON `rating_nominations` (`subject_key`,`id`);