package entente

import (
	"fmt"
	"slices"
	"time"
)

// PostComment adds a comment to the discussion of a proposal or of a
// dispute (exactly one of Proposal and Dispute is set). Any member may
// discuss a proposal; a dispute is discussed by its parties and its
// neutrals. Comments change no outcome: they keep the reasons on the
// record beside the votes and steps they explain.
type PostComment struct {
	Proposal string `json:"proposal,omitempty"`
	Dispute  string `json:"dispute,omitempty"`
	Text     string `json:"text"`
}

// CommentPosted records a comment by Member on a proposal or a dispute.
type CommentPosted struct {
	Proposal string  `json:"proposal,omitempty"`
	Dispute  string  `json:"dispute,omitempty"`
	Member   ActorID `json:"member"`
	Text     string  `json:"text"`
}

// EventType implements EventData.
func (CommentPosted) EventType() string { return "comment_posted" }

// Comment is one entry of a proposal's or a dispute's discussion.
type Comment struct {
	By   ActorID   `json:"by"`
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}

// MaxCommentBytes bounds a comment's text.
const MaxCommentBytes = 4000

// MaxReasonBytes bounds the reason given with a vote.
const MaxReasonBytes = 2000

func init() {
	registerEvents(func() EventData { return &CommentPosted{} })
}

func (c PostComment) run(x *execution) error {
	if err := x.requireOpen(); err != nil {
		return err
	}
	if err := requireText("text", c.Text); err != nil {
		return err
	}
	if len(c.Text) > MaxCommentBytes {
		return FieldErrorf(ETOOLARGE, "text", "expected at most %d bytes, got %d", MaxCommentBytes, len(c.Text))
	}
	switch {
	case (c.Proposal == "") == (c.Dispute == ""):
		return FieldErrorf(EINVALID, "proposal", "expected either a proposal or a dispute to comment on, not both or neither")
	case c.Proposal != "":
		p := x.s.Proposal(c.Proposal)
		if p == nil {
			return FieldErrorf(ENOTFOUND, "proposal", "no proposal %q in pact %s", c.Proposal, x.s.Pact.ID)
		}
		if _, err := x.requireMember(); err != nil {
			return err
		}
		if !atLeastAsNarrow(x.class, p.Class, x.s.Pact.Visibility == MembersOnly) {
			return FieldErrorf(EFORBIDDEN, "request.class", "proposal %s is classified %s; a comment on it must be classified %s too, not %s", p.ID, classWords(p.Class), classWords(p.Class), classWords(x.class))
		}
	default:
		d := x.s.Dispute(c.Dispute)
		if d == nil {
			return FieldErrorf(ENOTFOUND, "dispute", "no dispute %q in pact %s", c.Dispute, x.s.Pact.ID)
		}
		if !d.HasParty(x.by) && d.Mediator != x.by && d.Arbiter != x.by {
			return FieldErrorf(EFORBIDDEN, "by", "%s is neither a party to dispute %s nor its mediator or arbiter", x.by, d.ID)
		}
		if !atLeastAsNarrow(x.class, d.Class, x.s.Pact.Visibility == MembersOnly) {
			return FieldErrorf(EFORBIDDEN, "request.class", "dispute %s is classified %s; a comment on it must be classified %s too, not %s", d.ID, classWords(d.Class), classWords(d.Class), classWords(x.class))
		}
	}
	return x.emit(x.by, CommentPosted{Proposal: c.Proposal, Dispute: c.Dispute, Member: x.by, Text: c.Text})
}

// applyComment folds a comment into its proposal's or dispute's thread.
// The thread is copied on append, so a fork sharing the record is not
// changed.
func (s *PactState) applyComment(d CommentPosted, at time.Time) error {
	c := Comment{By: d.Member, At: at, Text: d.Text}
	switch {
	case d.Proposal != "" && d.Dispute == "":
		p := s.ownProposal(d.Proposal)
		if p == nil {
			return fmt.Errorf("unknown proposal %q", d.Proposal)
		}
		p.Comments = append(slices.Clip(p.Comments), c)
	case d.Dispute != "" && d.Proposal == "":
		dp := s.ownDispute(d.Dispute)
		if dp == nil {
			return fmt.Errorf("unknown dispute %q", d.Dispute)
		}
		dp.Comments = append(slices.Clip(dp.Comments), c)
	default:
		return fmt.Errorf("expected a comment on a proposal or a dispute")
	}
	return nil
}

// checkReason refuses a vote's reason longer than MaxReasonBytes.
func checkReason(reason string) error {
	if len(reason) > MaxReasonBytes {
		return FieldErrorf(ETOOLARGE, "reason", "expected at most %d bytes, got %d", MaxReasonBytes, len(reason))
	}
	return nil
}

// atLeastAsNarrow reports whether an entry classified c is read by no one
// who may not read an entry classified of: a comment on a dispute may not
// be read more widely than the dispute. In a members-only pact the pact's
// visibility ("") is narrower than public; parties and a role are
// narrowest, and neither is narrower than the other.
func atLeastAsNarrow(c, of Classification, membersOnly bool) bool {
	rank := func(c Classification) int {
		switch {
		case c == ClassPublic:
			return 0
		case c == "":
			if membersOnly {
				return 1
			}
			return 0
		case c == ClassMembers:
			return 2
		}
		return 3 // parties, or a role
	}
	if c == of {
		return true
	}
	return rank(of) < 3 && rank(c) >= rank(of)
}

// classWords names a classification, the pact's visibility for empty.
func classWords(c Classification) string {
	if c == "" {
		return "at the pact's visibility"
	}
	return string(c)
}
