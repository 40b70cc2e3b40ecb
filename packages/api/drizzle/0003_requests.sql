CREATE TABLE `request_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`action` text NOT NULL,
	`actor_user_id` integer,
	`from_status` text,
	`to_status` text NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "request_events_action" CHECK("request_events"."action" in ('create', 'accept', 'claim', 'assign', 'acceptAssignment', 'declineAssignment', 'start', 'complete', 'release', 'confirm', 'reopen', 'reject', 'escalate', 'cancel', 'autoClose'))
);
--> statement-breakpoint
CREATE INDEX `request_events_request` ON `request_events` (`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `request_holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`holder_key` text NOT NULL,
	`how` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`end_reason` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `request_holds_open` ON `request_holds` (`request_id`) WHERE "request_holds"."ended_at" is null;--> statement-breakpoint
CREATE INDEX `request_holds_holder` ON `request_holds` (`holder_key`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`grid_id` integer,
	`building_id` integer,
	`owner_user_id` integer NOT NULL,
	`created_by` integer,
	`kind` text NOT NULL,
	`category` text NOT NULL,
	`description` text NOT NULL,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`window_start` integer,
	`window_end` integer,
	`status` text NOT NULL,
	`level` text DEFAULT 'grid' NOT NULL,
	`holder_key` text,
	`closure` text,
	`rating` integer,
	`rating_comment` text,
	`created_at` integer NOT NULL,
	`accepted_at` integer,
	`done_at` integer,
	`closed_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "requests_kind" CHECK("requests"."kind" in ('service', 'wish', 'issue')),
	CONSTRAINT "requests_category" CHECK("requests"."category" in ('plumbing', 'haircut', 'tutoring', 'health', 'legal', 'companionship', 'item', 'environment', 'dispute', 'other')),
	CONSTRAINT "requests_status" CHECK("requests"."status" in ('submitted', 'accepted', 'assigned', 'claimed', 'in_progress', 'done', 'closed', 'rejected', 'cancelled')),
	CONSTRAINT "requests_level" CHECK("requests"."level" in ('grid', 'community', 'street')),
	CONSTRAINT "requests_rating" CHECK("requests"."rating" is null or "requests"."rating" between 1 and 5),
	CONSTRAINT "requests_description_len" CHECK(length("requests"."description") between 1 and 1000),
	CONSTRAINT "requests_holder_state" CHECK(("requests"."holder_key" is not null) = ("requests"."status" in ('assigned', 'claimed', 'in_progress', 'done')))
);
--> statement-breakpoint
CREATE INDEX `requests_community_status` ON `requests` (`community_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `requests_grid_status` ON `requests` (`grid_id`,`status`);--> statement-breakpoint
CREATE INDEX `requests_owner` ON `requests` (`owner_user_id`,`id`);--> statement-breakpoint
CREATE INDEX `requests_holder` ON `requests` (`holder_key`,`status`);