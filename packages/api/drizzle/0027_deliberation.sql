CREATE TABLE `topic_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`step_index` integer NOT NULL,
	`step_key` text NOT NULL,
	`outcome` text NOT NULL,
	`meeting_id` integer,
	`decided_by` integer NOT NULL,
	`decided_at` integer NOT NULL,
	`note` text,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "topic_steps_outcome" CHECK("topic_steps"."outcome" in ('passed', 'rejected', 'done'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topic_steps_once` ON `topic_steps` (`topic_id`,`step_index`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`grid_id` integer,
	`building_id` integer,
	`proposer_user_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`status` text NOT NULL,
	`procedure` text,
	`step_index` integer,
	`merged_into_id` integer,
	`support_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_into_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "topics_status" CHECK("topics"."status" in ('proposed', 'deliberating', 'decided', 'done', 'declined', 'merged', 'rejected')),
	CONSTRAINT "topics_title_len" CHECK(length("topics"."title") between 1 and 80),
	CONSTRAINT "topics_support_count" CHECK("topics"."support_count" >= 0)
);
--> statement-breakpoint
CREATE INDEX `topics_community_status` ON `topics` (`community_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `topics_community_id` ON `topics` (`community_id`,`id`);--> statement-breakpoint
CREATE TABLE `meeting_agenda` (
	`meeting_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	`position` integer NOT NULL,
	`passed` integer,
	`decided_at` integer,
	PRIMARY KEY(`meeting_id`, `topic_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_agenda_topic` ON `meeting_agenda` (`topic_id`);--> statement-breakpoint
CREATE TABLE `meeting_votes` (
	`meeting_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`choice` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `topic_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "meeting_votes_choice" CHECK("meeting_votes"."choice" in ('for', 'against', 'abstain'))
);
--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`body` text NOT NULL,
	`building_id` integer,
	`title` text NOT NULL,
	`place` text NOT NULL,
	`starts_at` integer NOT NULL,
	`status` text NOT NULL,
	`minutes` text,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "meetings_body" CHECK("meetings"."body" in ('twoCommittees', 'partyMembers', 'residentReps', 'jointCommittee', 'bench')),
	CONSTRAINT "meetings_status" CHECK("meetings"."status" in ('planned', 'open', 'closed', 'cancelled')),
	CONSTRAINT "meetings_title_len" CHECK(length("meetings"."title") between 1 and 80)
);
--> statement-breakpoint
CREATE INDEX `meetings_community_starts` ON `meetings` (`community_id`,`starts_at`,`id`);