-- Tables of the bad-record corpus (pipeline.BadRecordsIT). They exist before the connector starts, so that its
-- filtered publication includes them, as it would for tables an operator lists in table.include.list.

-- qty has a range rule; its type is changed (int -> bigint) by one test, its primary key by another
CREATE TABLE public.corpus_plain (id integer PRIMARY KEY, qty integer, note text);

-- default replica identity: an update that leaves the TOASTed body alone carries Debezium's placeholder for it
CREATE TABLE public.corpus_documents (id integer PRIMARY KEY, title text, body text);

-- a row of several megabytes
CREATE TABLE public.corpus_big (id integer PRIMARY KEY, body text);

-- a captured table without any rule
CREATE TABLE public.corpus_unruled (id integer PRIMARY KEY, v text);

-- Debezium's signal table: an insert asks the connector for an ad hoc (incremental) snapshot
CREATE TABLE public.corpus_signal (id varchar(42) PRIMARY KEY, type varchar(32) NOT NULL, data varchar(2048));
