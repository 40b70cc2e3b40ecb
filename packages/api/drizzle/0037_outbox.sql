CREATE TABLE `message_channels` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`sms` integer DEFAULT false NOT NULL,
	`wechat` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notification_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`community_id` integer,
	`channel` text NOT NULL,
	`kind` text NOT NULL,
	`urgent` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`claim_token` text,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outbox_channel" CHECK("outbox"."channel" in ('sms', 'wechat')),
	CONSTRAINT "outbox_state" CHECK("outbox"."state" in ('pending', 'sending', 'delivered', 'failed', 'skipped')),
	CONSTRAINT "outbox_due_when_open" CHECK("outbox"."state" not in ('pending', 'sending') or "outbox"."next_attempt_at" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_notification_channel` ON `outbox` (`notification_id`,`channel`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`next_attempt_at`) WHERE "outbox"."state" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX `outbox_user_pending` ON `outbox` (`user_id`) WHERE "outbox"."state" = 'pending';--> statement-breakpoint
CREATE INDEX `outbox_community` ON `outbox` (`community_id`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_community_state` ON `outbox` (`community_id`,`state`,`id`);