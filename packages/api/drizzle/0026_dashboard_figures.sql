CREATE TABLE `dashboard_figures` (
	`place_kind` text NOT NULL,
	`place_id` integer NOT NULL,
	`closed_through` text NOT NULL,
	`closed_at` integer NOT NULL,
	`closed` text NOT NULL,
	`computed_at` integer NOT NULL,
	`current` text NOT NULL,
	PRIMARY KEY(`place_kind`, `place_id`),
	CONSTRAINT "dashboard_figures_kind" CHECK("dashboard_figures"."place_kind" in ('street', 'community', 'grid'))
);
--> statement-breakpoint
ALTER TABLE `project_milestones` ADD `due_on` text;