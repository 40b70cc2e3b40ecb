CREATE TABLE `availability_windows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `volunteers`(`user_id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "availability_weekday" CHECK("availability_windows"."weekday" between 1 and 7),
	CONSTRAINT "availability_minutes" CHECK("availability_windows"."start_minute" >= 0 and "availability_windows"."end_minute" <= 1440 and "availability_windows"."start_minute" < "availability_windows"."end_minute")
);
--> statement-breakpoint
CREATE INDEX `availability_user` ON `availability_windows` (`user_id`);--> statement-breakpoint
CREATE TABLE `partner_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`contact_name` text,
	`contact_phone` text,
	`created_at` integer NOT NULL,
	`archived_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "partner_units_kind" CHECK("partner_units"."kind" in ('agency', 'school', 'hospital', 'enterprise', 'social_org')),
	CONSTRAINT "partner_units_name_len" CHECK(length("partner_units"."name") between 1 and 60)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_units_name_live` ON `partner_units` (`community_id`,`name`) WHERE "partner_units"."archived_at" is null;--> statement-breakpoint
CREATE TABLE `skills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "skills_name_len" CHECK(length("skills"."name") between 1 and 30)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `skills_name_unique` ON `skills` (`name`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "team_members_status" CHECK("team_members"."status" in ('applied', 'active', 'left', 'rejected'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_members_live` ON `team_members` (`team_id`,`user_id`) WHERE "team_members"."status" in ('applied', 'active');--> statement-breakpoint
CREATE INDEX `team_members_user` ON `team_members` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `volunteer_skills` (
	`user_id` integer NOT NULL,
	`skill_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `skill_id`),
	FOREIGN KEY (`user_id`) REFERENCES `volunteers`(`user_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`skill_id`) REFERENCES `skills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `volunteer_skills_skill` ON `volunteer_skills` (`skill_id`);--> statement-breakpoint
CREATE TABLE `volunteers` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`home_grid_id` integer,
	`party_status` text,
	`partner_unit_id` integer,
	`public_name_consent` integer DEFAULT false NOT NULL,
	`name_full` text NOT NULL,
	`name_initials` text NOT NULL,
	`created_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`home_grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_unit_id`) REFERENCES `partner_units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "volunteers_party_status" CHECK("volunteers"."party_status" is null or "volunteers"."party_status" in ('active', 'retired', 'mobile'))
);
--> statement-breakpoint
CREATE INDEX `volunteers_community_initials` ON `volunteers` (`community_id`,`name_initials`);--> statement-breakpoint
CREATE INDEX `volunteers_partner_unit` ON `volunteers` (`partner_unit_id`);--> statement-breakpoint
CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`team_id` integer,
	`organiser_user_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`category` text NOT NULL,
	`place` text NOT NULL,
	`visibility` text NOT NULL,
	`status` text NOT NULL,
	`cancel_reason` text,
	`created_at` integer NOT NULL,
	`published_at` integer,
	`ended_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organiser_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "activities_status" CHECK("activities"."status" in ('draft', 'published', 'cancelled', 'finished')),
	CONSTRAINT "activities_visibility" CHECK("activities"."visibility" in ('public', 'team', 'party')),
	CONSTRAINT "activities_category" CHECK("activities"."category" in ('environment', 'health', 'elderly', 'education', 'policy', 'mediation', 'safety', 'culture', 'other')),
	CONSTRAINT "activities_title_len" CHECK(length("activities"."title") between 1 and 80)
);
--> statement-breakpoint
CREATE INDEX `activities_community_status` ON `activities` (`community_id`,`status`);--> statement-breakpoint
CREATE INDEX `activities_team` ON `activities` (`team_id`);--> statement-breakpoint
CREATE TABLE `activity_grids` (
	`activity_id` integer NOT NULL,
	`grid_id` integer NOT NULL,
	PRIMARY KEY(`activity_id`, `grid_id`),
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_user` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE TABLE `service_hours` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`signup_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`shift_id` integer NOT NULL,
	`activity_id` integer NOT NULL,
	`team_id` integer,
	`service_date` text NOT NULL,
	`minutes` integer NOT NULL,
	`default_minutes` integer NOT NULL,
	`correction_reason` text,
	`confirmed_by` integer NOT NULL,
	`confirmed_at` integer NOT NULL,
	`voided_at` integer,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`signup_id`) REFERENCES `signups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "service_hours_minutes" CHECK("service_hours"."minutes" between 0 and 720),
	CONSTRAINT "service_hours_void_reason" CHECK("service_hours"."voided_at" is null or length("service_hours"."void_reason") > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_hours_signup_live` ON `service_hours` (`signup_id`) WHERE "service_hours"."voided_at" is null;--> statement-breakpoint
CREATE INDEX `service_hours_user_date` ON `service_hours` (`user_id`,`service_date`);--> statement-breakpoint
CREATE INDEX `service_hours_team` ON `service_hours` (`team_id`);--> statement-breakpoint
CREATE TABLE `shift_skills` (
	`shift_id` integer NOT NULL,
	`skill_id` integer NOT NULL,
	PRIMARY KEY(`shift_id`, `skill_id`),
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`skill_id`) REFERENCES `skills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`capacity` integer NOT NULL,
	`taken` integer DEFAULT 0 NOT NULL,
	`waitlisted` integer DEFAULT 0 NOT NULL,
	`waitlist_enabled` integer DEFAULT true NOT NULL,
	`signup_deadline` integer NOT NULL,
	`cancel_deadline` integer NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "shifts_taken" CHECK("shifts"."taken" >= 0 and "shifts"."taken" <= "shifts"."capacity"),
	CONSTRAINT "shifts_waitlisted" CHECK("shifts"."waitlisted" >= 0),
	CONSTRAINT "shifts_capacity" CHECK("shifts"."capacity" between 1 and 500),
	CONSTRAINT "shifts_times" CHECK("shifts"."ends_at" > "shifts"."starts_at")
);
--> statement-breakpoint
CREATE INDEX `shifts_community_start` ON `shifts` (`community_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `shifts_activity_start` ON `shifts` (`activity_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `signups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`promoted_at` integer,
	`cancelled_at` integer,
	`attendance` text,
	`check_in_at` integer,
	`check_out_at` integer,
	`attendance_marked_by` integer,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attendance_marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "signups_status" CHECK("signups"."status" in ('confirmed', 'waitlisted', 'cancelled')),
	CONSTRAINT "signups_attendance" CHECK("signups"."attendance" is null or "signups"."attendance" in ('present', 'no_show'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signups_live` ON `signups` (`shift_id`,`user_id`) WHERE "signups"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX `signups_shift_status` ON `signups` (`shift_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `signups_user_status` ON `signups` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`user_id` integer NOT NULL,
	`key` text NOT NULL,
	`route` text NOT NULL,
	`request_hash` text NOT NULL,
	`status_code` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
