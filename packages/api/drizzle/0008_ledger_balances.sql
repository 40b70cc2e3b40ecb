-- Cached balances kept by the database itself: every entry moves `posted`, every reservation moves `reserved`.
-- The CHECK on ledger_balances then refuses, inside the writing transaction, any write that would take an account
-- other than issuance below zero. Verification proves the cache equal to the entries.
-- (Insert-then-update rather than an upsert: SQLite checks CHECK constraints before it sees the conflict.)
INSERT INTO `ledger_balances` (`account`, `posted`, `reserved`)
SELECT `account`, sum(`posted`), sum(`reserved`) FROM (
  SELECT `account`, `amount` AS `posted`, 0 AS `reserved` FROM `ledger_entries`
  UNION ALL
  SELECT `debit`, 0, `amount` FROM `ledger_transfers` WHERE `state` = 'pending'
) GROUP BY `account`;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_balance` AFTER INSERT ON `ledger_entries`
BEGIN
  INSERT OR IGNORE INTO `ledger_balances` (`account`) VALUES (new.`account`);
  UPDATE `ledger_balances` SET `posted` = `posted` + new.`amount` WHERE `account` = new.`account`;
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_transfers_reserve` AFTER INSERT ON `ledger_transfers` WHEN new.`state` = 'pending'
BEGIN
  INSERT OR IGNORE INTO `ledger_balances` (`account`) VALUES (new.`debit`);
  UPDATE `ledger_balances` SET `reserved` = `reserved` + new.`amount` WHERE `account` = new.`debit`;
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_transfers_release` AFTER UPDATE OF `state` ON `ledger_transfers` WHEN old.`state` = 'pending' AND new.`state` <> 'pending'
BEGIN
  UPDATE `ledger_balances` SET `reserved` = `reserved` - old.`amount` WHERE `account` = old.`debit`;
END;
--> statement-breakpoint
-- An entry never changes, but for being sealed once: its hashes set where there were none.
CREATE TRIGGER `ledger_entries_immutable` BEFORE UPDATE ON `ledger_entries`
WHEN old.`hash` IS NOT NULL OR new.`hash` IS NULL OR new.`transfer_id` IS NOT old.`transfer_id` OR new.`account` IS NOT old.`account`
  OR new.`amount` IS NOT old.`amount` OR new.`created_at` IS NOT old.`created_at`
BEGIN
  SELECT RAISE(ABORT, 'ledger entries are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries`
BEGIN
  SELECT RAISE(ABORT, 'ledger entries are immutable');
END;
