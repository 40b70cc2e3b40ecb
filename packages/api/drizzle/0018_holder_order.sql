DROP INDEX `requests_holder`;--> statement-breakpoint
CREATE INDEX `requests_holder` ON `requests` (`holder_key`,`id`);