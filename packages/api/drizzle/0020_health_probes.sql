CREATE TABLE `health_probes` (
	`id` integer PRIMARY KEY NOT NULL,
	`probed_at_s` integer NOT NULL
);
