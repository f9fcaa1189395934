-- Issue 14: an operator's replay of a message is a new interchange linked to the one it replays.
ALTER TABLE interchange ADD COLUMN replay_of BIGINT REFERENCES interchange (id);
