CREATE TABLE `scheduler_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shift_reminders` (
	`shift_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`lead` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`shift_id`, `user_id`, `lead`),
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "shift_reminders_lead" CHECK("shift_reminders"."lead" in ('dayBefore', 'twoHours'))
);
--> statement-breakpoint
CREATE INDEX `notifications_unread` ON `notifications` (`user_id`,`id`) WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX `shifts_start` ON `shifts` (`starts_at`);