CREATE TABLE `topic_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `topic_comments_topic` ON `topic_comments` (`topic_id`,`id`);--> statement-breakpoint
CREATE TABLE `topic_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`kind` text NOT NULL,
	`target_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "topic_links_kind" CHECK("topic_links"."kind" in ('project', 'request'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topic_links_target` ON `topic_links` (`topic_id`,`kind`,`target_id`);--> statement-breakpoint
CREATE INDEX `topic_links_topic` ON `topic_links` (`topic_id`,`id`);--> statement-breakpoint
CREATE INDEX `topic_links_kind_target` ON `topic_links` (`kind`,`target_id`);--> statement-breakpoint
CREATE TABLE `topic_objections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`body` text NOT NULL,
	`answer` text,
	`answered_by` integer,
	`answered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topic_objections_once` ON `topic_objections` (`topic_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `topic_objections_topic` ON `topic_objections` (`topic_id`,`id`);--> statement-breakpoint
CREATE TABLE `topic_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`photo` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `topic_photos_topic` ON `topic_photos` (`topic_id`,`id`);--> statement-breakpoint
CREATE TABLE `topic_procedures` (
	`community_id` integer NOT NULL,
	`code` text NOT NULL,
	`steps` text NOT NULL,
	`comment_days` integer NOT NULL,
	`notice_working_days` integer NOT NULL,
	`updated_by` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `code`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `topic_supports` (
	`topic_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`topic_id`, `user_id`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `topics` ADD `current_step` text;--> statement-breakpoint
ALTER TABLE `topics` ADD `step_due_at` integer;--> statement-breakpoint
ALTER TABLE `topics` ADD `procedure_steps` text;--> statement-breakpoint
ALTER TABLE `topics` ADD `source` text;--> statement-breakpoint
ALTER TABLE `topics` ADD `decline_reason` text;--> statement-breakpoint
CREATE INDEX `topics_community_step` ON `topics` (`community_id`,`current_step`,`id`);--> statement-breakpoint
CREATE INDEX `topics_source` ON `topics` (`source`);