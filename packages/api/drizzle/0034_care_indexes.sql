DROP INDEX `care_visits_household`;--> statement-breakpoint
DROP INDEX `care_visits_unconfirmed`;--> statement-breakpoint
CREATE INDEX `care_visits_household` ON `care_visits` (`household_id`,`id`);--> statement-breakpoint
CREATE INDEX `care_visits_unconfirmed` ON `care_visits` (`community_id`,`id`) WHERE "care_visits"."by_volunteer" = 1 and "care_visits"."confirmed_at" is null;--> statement-breakpoint
CREATE INDEX `service_hours_signup` ON `service_hours` (`signup_id`);