CREATE TABLE `rating_awards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`nomination_id` integer NOT NULL,
	`scheme_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`subject_key` text NOT NULL,
	`stars` text NOT NULL,
	`star_count` integer NOT NULL,
	`period_label` text NOT NULL,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `rating_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nomination_id`) REFERENCES `rating_nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scheme_id`) REFERENCES `rating_schemes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rating_awards_nomination` ON `rating_awards` (`nomination_id`);--> statement-breakpoint
CREATE INDEX `rating_awards_community` ON `rating_awards` (`community_id`,`scheme_id`);--> statement-breakpoint
CREATE INDEX `rating_awards_subject` ON `rating_awards` (`subject_key`);--> statement-breakpoint
CREATE TABLE `rating_conflicts` (
	`nomination_id` integer NOT NULL,
	`member_user_id` integer NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`nomination_id`, `member_user_id`),
	FOREIGN KEY (`nomination_id`) REFERENCES `rating_nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rating_cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scheme_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`title` text NOT NULL,
	`period_label` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`nomination_ends_at` integer NOT NULL,
	`review_ends_at` integer NOT NULL,
	`notice_working_days` integer NOT NULL,
	`decision_rule` text NOT NULL,
	`status` text NOT NULL,
	`notice_started_at` integer,
	`published_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`scheme_id`) REFERENCES `rating_schemes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rating_cycles_status" CHECK("rating_cycles"."status" in ('draft', 'nominating', 'reviewing', 'notice', 'published', 'cancelled')),
	CONSTRAINT "rating_cycles_rule" CHECK("rating_cycles"."decision_rule" in ('majority', 'twoThirds', 'unanimous'))
);
--> statement-breakpoint
CREATE INDEX `rating_cycles_community_status` ON `rating_cycles` (`community_id`,`status`);--> statement-breakpoint
CREATE TABLE `rating_decisions` (
	`nomination_id` integer PRIMARY KEY NOT NULL,
	`stars` text NOT NULL,
	`reason` text NOT NULL,
	`decided_by` integer NOT NULL,
	`decided_at` integer NOT NULL,
	`notice_ends_at` integer,
	FOREIGN KEY (`nomination_id`) REFERENCES `rating_nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rating_evidence_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nomination_id` integer NOT NULL,
	`photo` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`nomination_id`) REFERENCES `rating_nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rating_nominations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`subject_key` text NOT NULL,
	`route` text NOT NULL,
	`nominator_user_id` integer NOT NULL,
	`statements` text NOT NULL,
	`evidence_text` text DEFAULT '' NOT NULL,
	`evidence_auto` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `rating_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nominator_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rating_nominations_route" CHECK("rating_nominations"."route" in ('self', 'gridWorker', 'teamLeader', 'partyBranch', 'committee'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rating_nominations_subject` ON `rating_nominations` (`cycle_id`,`subject_key`);--> statement-breakpoint
CREATE TABLE `rating_objections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nomination_id` integer NOT NULL,
	`cycle_id` integer NOT NULL,
	`objector_user_id` integer NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`answer` text,
	`outcome` text,
	`answered_by` integer,
	`answered_at` integer,
	FOREIGN KEY (`nomination_id`) REFERENCES `rating_nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cycle_id`) REFERENCES `rating_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`objector_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rating_objections_outcome" CHECK("rating_objections"."outcome" is null or "rating_objections"."outcome" in ('dismissed', 'removed', 'changed'))
);
--> statement-breakpoint
CREATE INDEX `rating_objections_cycle` ON `rating_objections` (`cycle_id`);--> statement-breakpoint
CREATE TABLE `rating_revocations` (
	`award_id` integer PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`revoked_by` integer NOT NULL,
	`revoked_at` integer NOT NULL,
	FOREIGN KEY (`award_id`) REFERENCES `rating_awards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rating_schemes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer,
	`code` text,
	`name` text NOT NULL,
	`subject_kind` text NOT NULL,
	`stars` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rating_schemes_subject" CHECK("rating_schemes"."subject_kind" in ('partyMember', 'household', 'volunteer', 'partnerUnit'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rating_schemes_code` ON `rating_schemes` (`code`);--> statement-breakpoint
CREATE INDEX `rating_schemes_community` ON `rating_schemes` (`community_id`);--> statement-breakpoint
CREATE TABLE `rating_votes` (
	`nomination_id` integer NOT NULL,
	`star_key` text NOT NULL,
	`member_user_id` integer NOT NULL,
	`award` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`nomination_id`, `star_key`, `member_user_id`),
	FOREIGN KEY (`nomination_id`) REFERENCES `rating_nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
