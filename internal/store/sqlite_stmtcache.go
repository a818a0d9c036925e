package store

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync/atomic"

	sqlitedriver "modernc.org/sqlite"
)

// stmtCacheSize bounds the prepared statements kept per connection. A
// page runs 6-8 distinct queries and the whole store has a few hundred,
// so the hot ones stay while a rare report query cannot pin memory.
const stmtCacheSize = 64

// stmtCacheConnector opens modernc connections wrapped in stmtCacheConn.
// modernc's conn answers Query and Exec itself and prepares the SQL
// every time; sqlite3_prepare_v2 was about a fifth of the CPU of an
// uncached portal page. modernc's stmt keeps its sqlite3_stmt between
// executions, so handing database/sql the same stmt again skips parsing.
type stmtCacheConnector struct {
	driver.Connector
	size int
	// For the tests: statements really prepared, and cached ones really
	// closed.
	prepares, closes atomic.Int64
}

func newStmtCacheConnector(dsn string, size int) (*stmtCacheConnector, error) {
	c, err := sqlitedriver.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return &stmtCacheConnector{Connector: c, size: size}, nil
}

// sqliteConn is what of modernc's conn database/sql uses, less
// QueryerContext and ExecerContext: without them database/sql runs every
// statement through PrepareContext, where the cache is. Exec is cached
// too; an ExecContext of our own over the cache measured no faster than
// database/sql's prepare-exec-close. modernc implements no
// NamedValueChecker, so arguments are converted as before.
type sqliteConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx // read-only and _txlock=immediate BEGINs
	driver.Pinger
	driver.SessionResetter // drops a connection interrupted by a canceled context
	driver.Validator
}

// sqliteStmt is modernc's stmt; database/sql prefers the context methods.
type sqliteStmt interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

func (c *stmtCacheConnector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, ok := dc.(sqliteConn)
	if !ok {
		dc.Close()
		return nil, fmt.Errorf("store: sqlite conn %T lacks an interface the statement cache forwards", dc)
	}
	return &stmtCacheConn{sqliteConn: sc, connector: c, byQuery: make(map[string]*list.Element)}, nil
}

// stmtCacheConn embeds sqliteConn, not driver.Conn or modernc's type,
// so it forwards exactly those interfaces. database/sql uses a conn and
// its stmts from one goroutine at a time, under the driverConn's lock,
// so there is no mutex.
type stmtCacheConn struct {
	sqliteConn
	connector *stmtCacheConnector
	lru       list.List // of *cachedStmt, most recently used first
	byQuery   map[string]*list.Element
}

// Unwrap gives modernc's conn to those who look through wrappers, as
// sqlite.Limit does.
func (c *stmtCacheConn) Unwrap() driver.Conn { return c.sqliteConn }

func (c *stmtCacheConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext hands out the cached stmt for query unless it is
// already out: a query nested in the iteration of another with the
// same SQL on this connection, whose Rows are still open, would step
// and reset the one sqlite3_stmt under it. That one gets a fresh stmt
// of its own, which database/sql finalizes. A script of several
// statements is cached like the rest: modernc keeps only its text and
// parses it on every run, as it did before.
func (c *stmtCacheConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if e, ok := c.byQuery[query]; ok {
		s := e.Value.(*cachedStmt)
		if s.out {
			return c.prepare(ctx, query)
		}
		s.out = true
		c.lru.MoveToFront(e)
		return s, nil
	}
	ds, err := c.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	s := &cachedStmt{sqliteStmt: ds, conn: c, sql: query, out: true}
	s.elem = c.lru.PushFront(s)
	c.byQuery[query] = s.elem
	if c.lru.Len() > c.connector.size {
		old := c.lru.Remove(c.lru.Back()).(*cachedStmt)
		delete(c.byQuery, old.sql)
		old.elem = nil
		if !old.out {
			// Its error is that of a statement nobody will run again.
			_ = old.close()
		}
	}
	return s, nil
}

func (c *stmtCacheConn) prepare(ctx context.Context, query string) (sqliteStmt, error) {
	ds, err := c.sqliteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.connector.prepares.Add(1)
	s, ok := ds.(sqliteStmt)
	if !ok {
		ds.Close()
		return nil, fmt.Errorf("store: sqlite stmt %T lacks the context methods", ds)
	}
	return s, nil
}

// Close finalizes the cached statements, which must happen while the
// connection is still open, and then closes it.
func (c *stmtCacheConn) Close() error {
	var errs []error
	for e := c.lru.Front(); e != nil; e = e.Next() {
		s := e.Value.(*cachedStmt)
		s.elem = nil
		errs = append(errs, s.close())
	}
	c.lru.Init()
	clear(c.byQuery)
	return errors.Join(append(errs, c.sqliteConn.Close())...)
}

// cachedStmt is a stmt of the cache. out is set while database/sql holds
// it: from PrepareContext to Close, which database/sql calls after an
// Exec, after the Rows of a query are closed, at once when the query
// failed, and for a sql.Stmt when that is closed.
type cachedStmt struct {
	sqliteStmt // nil once closed for real
	conn       *stmtCacheConn
	sql        string
	elem       *list.Element // nil once out of the cache
	out        bool
}

// Close gives the stmt back to the cache; one evicted while database/sql
// held it is finalized now.
func (s *cachedStmt) Close() error {
	s.out = false
	if s.elem != nil {
		return nil
	}
	return s.close()
}

func (s *cachedStmt) close() error {
	if s.sqliteStmt == nil {
		return nil
	}
	err := s.sqliteStmt.Close()
	s.sqliteStmt = nil
	s.conn.connector.closes.Add(1)
	return err
}
