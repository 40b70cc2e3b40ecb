CREATE TABLE `project_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`action` text NOT NULL,
	`actor_user_id` integer,
	`note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_events_project` ON `project_events` (`project_id`,`id`);--> statement-breakpoint
CREATE TABLE `project_milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`title` text NOT NULL,
	`target` integer NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`note` text,
	`updated_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "project_milestones_progress" CHECK("project_milestones"."progress" between 0 and "project_milestones"."target"),
	CONSTRAINT "project_milestones_target" CHECK("project_milestones"."target" >= 1)
);
--> statement-breakpoint
CREATE INDEX `project_milestones_project` ON `project_milestones` (`project_id`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`status` text NOT NULL,
	`holder_key` text,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`claimed_at` integer,
	`completed_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "projects_status" CHECK("projects"."status" in ('open', 'claimed', 'completed', 'cancelled')),
	CONSTRAINT "projects_holder_state" CHECK(("projects"."holder_key" is not null) = ("projects"."status" in ('claimed', 'completed'))),
	CONSTRAINT "projects_title_len" CHECK(length("projects"."title") between 1 and 80)
);
--> statement-breakpoint
CREATE INDEX `projects_community` ON `projects` (`community_id`,`status`);