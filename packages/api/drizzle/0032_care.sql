CREATE TABLE `care_campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`categories` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "care_campaigns_kind" CHECK("care_campaigns"."kind" in ('warmth', 'health', 'law', 'culture', 'jobs')),
	CONSTRAINT "care_campaigns_title_len" CHECK(length("care_campaigns"."title") between 1 and 50),
	CONSTRAINT "care_campaigns_span" CHECK("care_campaigns"."starts_on" <= "care_campaigns"."ends_on")
);
--> statement-breakpoint
CREATE INDEX `care_campaigns_community` ON `care_campaigns` (`community_id`,`id`);--> statement-breakpoint
CREATE TABLE `care_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "care_categories_name_len" CHECK(length("care_categories"."name") between 1 and 20)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `care_categories_name` ON `care_categories` (`community_id`,`name`);--> statement-breakpoint
CREATE TABLE `care_pairings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`visitor_user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`started_at` integer NOT NULL,
	`started_by` integer NOT NULL,
	`ended_at` integer,
	`ended_by` integer,
	`end_reason` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `care_profiles`(`household_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visitor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ended_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "care_pairings_kind" CHECK("care_pairings"."kind" in ('partyMember', 'volunteer', 'partnerMember')),
	CONSTRAINT "care_pairings_end" CHECK(("care_pairings"."ended_at" is null) = ("care_pairings"."end_reason" is null) and ("care_pairings"."end_reason" is null or length("care_pairings"."end_reason") between 1 and 200))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `care_pairings_live` ON `care_pairings` (`household_id`,`visitor_user_id`) WHERE "care_pairings"."ended_at" is null;--> statement-breakpoint
CREATE INDEX `care_pairings_visitor` ON `care_pairings` (`visitor_user_id`,`household_id`) WHERE "care_pairings"."ended_at" is null;--> statement-breakpoint
CREATE INDEX `care_pairings_household` ON `care_pairings` (`household_id`,`id`);--> statement-breakpoint
CREATE TABLE `care_profile_categories` (
	`household_id` integer NOT NULL,
	`grid_id` integer NOT NULL,
	`category` text NOT NULL,
	PRIMARY KEY(`household_id`, `category`),
	FOREIGN KEY (`household_id`) REFERENCES `care_profiles`(`household_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `care_profile_categories_grid` ON `care_profile_categories` (`grid_id`,`category`);--> statement-breakpoint
CREATE TABLE `care_profiles` (
	`household_id` integer PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`grid_id` integer NOT NULL,
	`level` text NOT NULL,
	`needs` text DEFAULT '' NOT NULL,
	`emergency_name` text,
	`emergency_relation` text,
	`emergency_phone` text,
	`consent_by` text,
	`consent_by_name` text,
	`consent_at` integer,
	`consent_photos` integer DEFAULT false NOT NULL,
	`consent_withdrawn_at` integer,
	`consent_recorded_by` integer,
	`since_on` text NOT NULL,
	`last_visited_on` text,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`consent_recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "care_profiles_level" CHECK("care_profiles"."level" in ('weekly', 'fortnightly', 'monthly')),
	CONSTRAINT "care_profiles_needs_len" CHECK(length("care_profiles"."needs") <= 1000),
	CONSTRAINT "care_profiles_consent_by" CHECK("care_profiles"."consent_by" is null or "care_profiles"."consent_by" in ('self', 'guardian', 'family')),
	CONSTRAINT "care_profiles_consent" CHECK(("care_profiles"."consent_by" is null) = ("care_profiles"."consent_at" is null)),
	CONSTRAINT "care_profiles_emergency" CHECK(("care_profiles"."emergency_name" is null) = ("care_profiles"."emergency_phone" is null) and ("care_profiles"."emergency_name" is null) = ("care_profiles"."emergency_relation" is null))
);
--> statement-breakpoint
CREATE INDEX `care_profiles_grid` ON `care_profiles` (`grid_id`,`household_id`);--> statement-breakpoint
CREATE INDEX `care_profiles_community` ON `care_profiles` (`community_id`,`household_id`);--> statement-breakpoint
CREATE TABLE `care_visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`grid_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`visitor_user_id` integer NOT NULL,
	`by_volunteer` integer NOT NULL,
	`campaign_id` integer,
	`visited_on` text NOT NULL,
	`mode` text NOT NULL,
	`wellbeing` text NOT NULL,
	`needs` text DEFAULT '' NOT NULL,
	`photo` text,
	`request_id` integer,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`confirmed_by` integer,
	`hours_minutes` integer,
	`hours_reason` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `care_profiles`(`household_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visitor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `care_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "care_visits_mode" CHECK("care_visits"."mode" in ('inPerson', 'phone')),
	CONSTRAINT "care_visits_wellbeing" CHECK("care_visits"."wellbeing" in ('good', 'fair', 'poor', 'urgent')),
	CONSTRAINT "care_visits_needs_len" CHECK(length("care_visits"."needs") <= 500),
	CONSTRAINT "care_visits_hours" CHECK(("care_visits"."confirmed_at" is null) = ("care_visits"."hours_minutes" is null) and ("care_visits"."hours_minutes" is null or "care_visits"."hours_minutes" between 0 and 180))
);
--> statement-breakpoint
CREATE INDEX `care_visits_household` ON `care_visits` (`household_id`,`visited_on`,`id`);--> statement-breakpoint
CREATE INDEX `care_visits_unconfirmed` ON `care_visits` (`grid_id`,`id`) WHERE "care_visits"."by_volunteer" = 1 and "care_visits"."confirmed_at" is null;--> statement-breakpoint
CREATE INDEX `care_visits_visitor` ON `care_visits` (`visitor_user_id`,`visited_on`);--> statement-breakpoint
CREATE INDEX `care_visits_campaign` ON `care_visits` (`campaign_id`,`household_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `care_visits_request` ON `care_visits` (`request_id`) WHERE "care_visits"."request_id" is not null;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`actor_user_id` integer NOT NULL,
	`subject_user_id` integer,
	`subject_household_id` integer,
	`fields` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "access_log_subject" CHECK(("__new_access_log"."subject_user_id" is null) <> ("__new_access_log"."subject_household_id" is null))
);
--> statement-breakpoint
INSERT INTO `__new_access_log`("id", "community_id", "actor_user_id", "subject_user_id", "fields", "entity", "entity_id", "created_at") SELECT "id", "community_id", "actor_user_id", "subject_user_id", "fields", "entity", "entity_id", "created_at" FROM `access_log`;--> statement-breakpoint
DROP TABLE `access_log`;--> statement-breakpoint
ALTER TABLE `__new_access_log` RENAME TO `access_log`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `access_log_community` ON `access_log` (`community_id`,`id`);--> statement-breakpoint
CREATE INDEX `access_log_subject` ON `access_log` (`subject_user_id`,`id`);--> statement-breakpoint
CREATE INDEX `access_log_household` ON `access_log` (`subject_household_id`,`id`);--> statement-breakpoint
CREATE TABLE `__new_service_hours` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`signup_id` integer,
	`user_id` integer NOT NULL,
	`shift_id` integer,
	`activity_id` integer,
	`visit_id` integer,
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
	FOREIGN KEY (`visit_id`) REFERENCES `care_visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "service_hours_source" CHECK(("__new_service_hours"."visit_id" is null) = ("__new_service_hours"."signup_id" is not null) and ("__new_service_hours"."signup_id" is null) = ("__new_service_hours"."shift_id" is null) and ("__new_service_hours"."signup_id" is null) = ("__new_service_hours"."activity_id" is null)),
	CONSTRAINT "service_hours_minutes" CHECK("__new_service_hours"."minutes" between 0 and 720),
	CONSTRAINT "service_hours_void_reason" CHECK("__new_service_hours"."voided_at" is null or length("__new_service_hours"."void_reason") > 0)
);
--> statement-breakpoint
INSERT INTO `__new_service_hours`("id", "signup_id", "user_id", "shift_id", "activity_id", "team_id", "service_date", "minutes", "default_minutes", "correction_reason", "confirmed_by", "confirmed_at", "voided_at", "voided_by", "void_reason") SELECT "id", "signup_id", "user_id", "shift_id", "activity_id", "team_id", "service_date", "minutes", "default_minutes", "correction_reason", "confirmed_by", "confirmed_at", "voided_at", "voided_by", "void_reason" FROM `service_hours`;--> statement-breakpoint
DROP TABLE `service_hours`;--> statement-breakpoint
ALTER TABLE `__new_service_hours` RENAME TO `service_hours`;--> statement-breakpoint
CREATE UNIQUE INDEX `service_hours_signup_live` ON `service_hours` (`signup_id`) WHERE "service_hours"."voided_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `service_hours_visit_live` ON `service_hours` (`visit_id`) WHERE "service_hours"."voided_at" is null;--> statement-breakpoint
CREATE INDEX `service_hours_user_date` ON `service_hours` (`user_id`,`service_date`);--> statement-breakpoint
CREATE INDEX `service_hours_team` ON `service_hours` (`team_id`);--> statement-breakpoint
CREATE INDEX `service_hours_shift` ON `service_hours` (`shift_id`);--> statement-breakpoint
ALTER TABLE `requests` ADD `from_visit` integer DEFAULT false NOT NULL;