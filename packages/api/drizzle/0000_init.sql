CREATE TABLE `streets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`archived_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "streets_name_len" CHECK(length("streets"."name") between 1 and 50)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `streets_name_unique` ON `streets` (`name`);--> statement-breakpoint
CREATE TABLE `communities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`street_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`archived_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`street_id`) REFERENCES `streets`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "communities_kind" CHECK("communities"."kind" in ('community', 'village')),
	CONSTRAINT "communities_name_len" CHECK(length("communities"."name") between 1 and 50)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `communities_street_name_live` ON `communities` (`street_id`,`name`) WHERE "communities"."archived_at" is null;--> statement-breakpoint
CREATE INDEX `communities_street` ON `communities` (`street_id`);--> statement-breakpoint
CREATE TABLE `grids` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`parent_id` integer,
	`level` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`archived_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "grids_level" CHECK("grids"."level" between 1 and 3),
	CONSTRAINT "grids_root_level" CHECK(("grids"."parent_id" is null) = ("grids"."level" = 1)),
	CONSTRAINT "grids_name_len" CHECK(length("grids"."name") between 1 and 50)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grids_root_name_live` ON `grids` (`community_id`,`name`) WHERE "grids"."parent_id" is null and "grids"."archived_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `grids_child_name_live` ON `grids` (`parent_id`,`name`) WHERE "grids"."parent_id" is not null and "grids"."archived_at" is null;--> statement-breakpoint
CREATE INDEX `grids_community` ON `grids` (`community_id`);--> statement-breakpoint
CREATE TABLE `buildings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`grid_id` integer NOT NULL,
	`estate` text,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`archived_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "buildings_name_len" CHECK(length("buildings"."name") between 1 and 50)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `buildings_grid_name_live` ON `buildings` (`grid_id`,`name`) WHERE "buildings"."archived_at" is null;--> statement-breakpoint
CREATE INDEX `buildings_community` ON `buildings` (`community_id`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`building_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`archived_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "households_name_len" CHECK(length("households"."name") between 1 and 50)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `households_building_name_live` ON `households` (`building_id`,`name`) WHERE "households"."archived_at" is null;--> statement-breakpoint
CREATE INDEX `households_community` ON `households` (`community_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`archived_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "teams_name_len" CHECK(length("teams"."name") between 1 and 50)
);
--> statement-breakpoint
CREATE INDEX `teams_community` ON `teams` (`community_id`);--> statement-breakpoint
CREATE TABLE `role_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`scope_kind` text NOT NULL,
	`scope_id` integer NOT NULL,
	`granted_by` integer,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "role_grants_role" CHECK("role_grants"."role" in ('resident', 'volunteer', 'teamLeader', 'gridWorker', 'communityStaff', 'committeeMember', 'streetAdmin')),
	CONSTRAINT "role_grants_scope_kind" CHECK("role_grants"."scope_kind" in ('street', 'community', 'grid', 'team'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `role_grants_live` ON `role_grants` (`user_id`,`role`,`scope_kind`,`scope_id`) WHERE "role_grants"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX `role_grants_scope` ON `role_grants` (`scope_kind`,`scope_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`community_id` integer,
	`building_id` integer,
	`household_id` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`disabled_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_phone_format" CHECK(length("users"."phone") = 11 and "users"."phone" glob '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
	CONSTRAINT "users_name_len" CHECK(length("users"."name") between 1 and 30)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_phone_unique` ON `users` (`phone`);--> statement-breakpoint
CREATE INDEX `users_community` ON `users` (`community_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_user_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`street_id` integer,
	`community_id` integer,
	`before` text,
	`after` text,
	`request_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_community` ON `audit_log` (`community_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_street` ON `audit_log` (`street_id`,`id`);--> statement-breakpoint
CREATE TABLE `login_failures` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start_ms` integer NOT NULL,
	`count` integer NOT NULL
);
