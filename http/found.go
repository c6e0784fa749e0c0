package http

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/power"
)

// pactTemplate is a starting point for founding a pact: a charter and an
// agreement typical of one kind of venture, which the founders edit.
type pactTemplate struct {
	Key, Label, Blurb string
	Pact              entente.Pact
}

// pactTemplates are the templates the found page offers.
var pactTemplates = []pactTemplate{
	{"rnd-jv", "R&D joint venture", "Firms pooling research for a joint product: budget decided by economic weight, members admitted and the agreement changed only by all, results owned in proportion to what each brought.",
		entente.Pact{Kind: entente.Alliance, Purposes: []entente.Purpose{entente.Knowledge, entente.Economic}, Obligations: []entente.Obligation{entente.Consultation},
			Duration: entente.Duration{Kind: entente.Permanent},
			Agreement: entente.Agreement{
				Scope:    entente.Scope{Activities: []string{"joint research", "prototype development"}, Exclusive: true},
				Benefits: entente.BenefitRule{Kind: entente.BenefitByContribution},
				Rules: map[entente.Matter]entente.DecisionRule{
					entente.General:     {Kind: entente.QualifiedMajority, Threshold: 0.67},
					entente.Budget:      {Kind: entente.Weighted, Threshold: 0.6, WeightBy: "capability:economic"},
					entente.Admission:   {Kind: entente.Unanimity},
					entente.Amendment:   {Kind: entente.Unanimity},
					entente.Dissolution: {Kind: entente.Unanimity},
				},
				Exit:     entente.ExitClause{Notice: entente.Days(180), WindDown: entente.Days(90)},
				Disputes: entente.DisputeLadder{Negotiation: entente.Days(30), Mediation: entente.Days(60), Arbitration: entente.Days(90)},
				IP: entente.IPClause{Background: "stays with the member that brought it, licensed free of charge for the venture's work",
					Foreground: "owned jointly, in proportion to what each member delivered", Sideground: "stays with the member that made it"},
			}}},
	{"advocacy", "Advocacy coalition", "NGOs campaigning together: anyone who shares the cause may join, statements go out unless someone objects within a week, members may leave at any time.",
		entente.Pact{Kind: entente.Coalition, Purposes: []entente.Purpose{entente.Political, entente.Social}, Obligations: []entente.Obligation{entente.Consultation},
			Duration: entente.Duration{Kind: entente.Permanent},
			Agreement: entente.Agreement{
				Scope:    entente.Scope{Activities: []string{"joint statements", "campaigns", "shared research"}},
				Benefits: entente.BenefitRule{Kind: entente.BenefitEqual},
				Join:     entente.JoinOpen,
				Rules: map[entente.Matter]entente.DecisionRule{
					entente.General:     {Kind: entente.Consensus, Window: entente.Days(7)},
					entente.Budget:      {Kind: entente.SimpleMajority},
					entente.Admission:   {Kind: entente.SimpleMajority},
					entente.Amendment:   {Kind: entente.QualifiedMajority, Threshold: 0.67},
					entente.Dissolution: {Kind: entente.QualifiedMajority, Threshold: 0.67},
				},
				Disputes: entente.DisputeLadder{Negotiation: entente.Days(14), Mediation: entente.Days(30)},
				IP:       entente.IPClause{Foreground: "published under CC BY 4.0"},
			}}},
	{"defence", "Defence alliance", "States pledging mutual defence: every decision by consensus of all, a year's notice to leave, disputes taken to arbitration if talks fail.",
		entente.Pact{Kind: entente.Alliance, Purposes: []entente.Purpose{entente.Defensive}, Obligations: []entente.Obligation{entente.Defense, entente.Consultation},
			Duration: entente.Duration{Kind: entente.Permanent},
			Agreement: entente.Agreement{
				Scope:        entente.Scope{Activities: []string{"mutual defence", "joint exercises", "intelligence sharing"}},
				Benefits:     entente.BenefitRule{Kind: entente.BenefitEqual},
				PowerMeasure: "military",
				Rules: map[entente.Matter]entente.DecisionRule{
					entente.General:     {Kind: entente.Unanimity},
					entente.Budget:      {Kind: entente.Unanimity},
					entente.Admission:   {Kind: entente.Unanimity},
					entente.Amendment:   {Kind: entente.Unanimity},
					entente.Dissolution: {Kind: entente.Unanimity},
				},
				Exit:     entente.ExitClause{Notice: entente.Days(365)},
				Disputes: entente.DisputeLadder{Negotiation: entente.Days(60), Mediation: entente.Days(90), Arbitration: entente.Days(180)},
			}}},
	{"municipal", "Municipal network", "Cities sharing services: most matters by simple majority with half taking part, the budget by a double majority of cities and of economic weight.",
		entente.Pact{Kind: entente.Coalition, Purposes: []entente.Purpose{entente.Economic, entente.Social}, Obligations: []entente.Obligation{entente.Consultation},
			Duration: entente.Duration{Kind: entente.Permanent},
			Agreement: entente.Agreement{
				Scope:    entente.Scope{Activities: []string{"shared procurement", "exchange of practice"}},
				Benefits: entente.BenefitRule{Kind: entente.BenefitEqual},
				Join:     entente.JoinConsent,
				Rules: map[entente.Matter]entente.DecisionRule{
					entente.General:     {Kind: entente.SimpleMajority, Quorum: 0.5},
					entente.Budget:      {Kind: entente.DoubleMajority, Threshold: 0.55, SecondThreshold: 0.65, WeightBy: "capability:economic"},
					entente.Admission:   {Kind: entente.AbsoluteMajority},
					entente.Amendment:   {Kind: entente.QualifiedMajority, Threshold: 0.67},
					entente.Dissolution: {Kind: entente.QualifiedMajority, Threshold: 0.67},
				},
				Exit:     entente.ExitClause{Notice: entente.Days(90)},
				Disputes: entente.DisputeLadder{Negotiation: entente.Days(30), Mediation: entente.Days(60)},
			}}},
}

func templateByKey(key string) *pactTemplate {
	for i := range pactTemplates {
		if pactTemplates[i].Key == key {
			return &pactTemplates[i]
		}
	}
	return nil
}

// editorMatters are the matters whose rule the editor sets.
var editorMatters = []entente.Matter{entente.General, entente.Budget, entente.Admission, entente.Amendment, entente.Dissolution}

// ruleField is one matter's rule as the editor's fields hold it.
type ruleField struct {
	Matter                     entente.Matter
	Kind, Threshold, Second    string
	WeightBy, Quorum           string
	KindErr, ThresholdErr      string
	SecondErr, WeightErr, QErr string
}

// foundForm is the agreement editor's fields as text, with an error per
// field that did not parse or validate.
type foundForm struct {
	Template                               string
	ID, Name, Kind, Founders, Purposes     string
	Activities, Join, Benefits, Visibility string
	Exclusive                              bool
	Notice, WindDown                       string
	Negotiation, Mediation, Arbitration    string
	Background, Foreground, Sideground     string
	Rules                                  []ruleField
	Errors                                 map[string]string
	pact                                   entente.Pact
	founders                               []entente.ActorID
}

func share(v float64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func period(p entente.Period) string {
	if p == 0 {
		return ""
	}
	return p.String()
}

// formOf fills the editor from a pact charter.
func formOf(key string, p entente.Pact) foundForm {
	a := p.Agreement
	f := foundForm{Template: key, ID: string(p.ID), Name: p.Name, Kind: string(p.Kind), Join: string(a.Join), Benefits: string(a.Benefits.Kind),
		Visibility: string(p.Visibility), Exclusive: a.Scope.Exclusive, Activities: strings.Join(a.Scope.Activities, ", "),
		Notice: period(a.Exit.Notice), WindDown: period(a.Exit.WindDown), Negotiation: period(a.Disputes.Negotiation),
		Mediation: period(a.Disputes.Mediation), Arbitration: period(a.Disputes.Arbitration),
		Background: a.IP.Background, Foreground: a.IP.Foreground, Sideground: a.IP.Sideground}
	var purposes []string
	for _, v := range p.Purposes {
		purposes = append(purposes, string(v))
	}
	f.Purposes = strings.Join(purposes, ", ")
	for _, m := range editorMatters {
		r, ok := a.Rules[m]
		rf := ruleField{Matter: m}
		if ok {
			rf.Kind, rf.Threshold, rf.Second, rf.WeightBy, rf.Quorum = string(r.Kind), share(r.Threshold), share(r.SecondThreshold), r.WeightBy, share(r.Quorum)
		}
		f.Rules = append(f.Rules, rf)
	}
	return f
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// parseShare reads "0.6" or "60%".
func parseShare(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	scale := 1.0
	if v, ok := strings.CutSuffix(s, "%"); ok {
		s, scale = strings.TrimSpace(v), 100
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("expected a share such as 0.6 or 60%%, got %q", s)
	}
	return v / scale, nil
}

// readForm reads the editor's fields from a query: a template's values
// where the query names a template and no field, the query's otherwise.
func readForm(q url.Values, defaultFounders string) foundForm {
	key := q.Get("template")
	t := templateByKey(key)
	if t == nil {
		t, key = &pactTemplates[0], pactTemplates[0].Key
	}
	f := formOf(key, t.Pact)
	f.Founders = defaultFounders
	if q.Get("edited") != "" {
		f.readQuery(q)
	}
	return f
}

// readQuery sets the editor's fields from a query that the editor sent.
func (f *foundForm) readQuery(q url.Values) {
	text := map[string]*string{"id": &f.ID, "name": &f.Name, "kind": &f.Kind, "founders": &f.Founders, "purposes": &f.Purposes,
		"activities": &f.Activities, "join": &f.Join, "benefits": &f.Benefits, "visibility": &f.Visibility, "notice": &f.Notice,
		"wind_down": &f.WindDown, "negotiation": &f.Negotiation, "mediation": &f.Mediation, "arbitration": &f.Arbitration,
		"ip_background": &f.Background, "ip_foreground": &f.Foreground, "ip_sideground": &f.Sideground}
	for name, dst := range text {
		*dst = strings.TrimSpace(q.Get(name))
	}
	f.Exclusive = q.Get("exclusive") != ""
	for i := range f.Rules {
		m := string(f.Rules[i].Matter)
		f.Rules[i].Kind, f.Rules[i].Threshold, f.Rules[i].Second = q.Get("rule_"+m), q.Get("threshold_"+m), q.Get("second_"+m)
		f.Rules[i].WeightBy, f.Rules[i].Quorum = strings.TrimSpace(q.Get("weight_"+m)), q.Get("quorum_"+m)
	}
}

// build turns the fields into a charter and founders, noting each field's
// error; it reports whether all are good.
func (f *foundForm) build(known func(entente.ActorID) bool, exists func(entente.PactID) bool) bool {
	f.Errors = map[string]string{}
	bad := func(field, format string, args ...any) { f.Errors[field] = fmt.Sprintf(format, args...) }
	p := entente.Pact{ID: entente.PactID(f.ID), Name: f.Name, Kind: entente.PactKind(f.Kind), Visibility: entente.Visibility(f.Visibility),
		Duration: entente.Duration{Kind: entente.Permanent}}
	if f.ID == "" {
		bad("id", "expected an ID for the pact: lower-case letters, digits, '.', '_' or '-'")
	} else if !entente.ValidID(f.ID) {
		bad("id", "expected 1-64 lower-case letters, digits, '.', '_' or '-', got %q", f.ID)
	} else if exists(p.ID) {
		bad("id", "a pact %s exists already: choose another ID", f.ID)
	}
	if f.Name == "" {
		bad("name", "expected a name")
	}
	for _, v := range splitList(f.Purposes) {
		p.Purposes = append(p.Purposes, entente.Purpose(v))
	}
	base := entente.Agreement{}
	if t := templateByKey(f.Template); t != nil {
		p.Obligations = t.Pact.Obligations
		base.PowerMeasure = t.Pact.Agreement.PowerMeasure
	}
	p.Agreement = f.agreement(base)
	if len(f.Errors) == 0 {
		if err := p.Validate(); err != nil {
			f.noteError(err)
		}
	}
	min := 1
	if p.Kind == entente.Alliance {
		min = 2
	}
	f.founders = nil
	for _, v := range splitList(f.Founders) {
		id := entente.ActorID(v)
		switch {
		case !known(id):
			bad("founders", "%q is not a registered actor", v)
		case slices.Contains(f.founders, id):
			bad("founders", "%s is listed twice", v)
		}
		f.founders = append(f.founders, id)
	}
	if len(f.founders) < min && f.Errors["founders"] == "" {
		bad("founders", "expected at least %d founder(s) for a %s, got %d", min, p.Kind, len(f.founders))
	}
	f.pact = p
	return len(f.Errors) == 0
}

func (f *foundForm) bad(field, format string, args ...any) {
	f.Errors[field] = fmt.Sprintf(format, args...)
}

// agreement builds the agreement the editor's fields set, on base (what
// the editor does not show, such as valuations and other matters' rules,
// stays as base has it), noting each field's error.
func (f *foundForm) agreement(base entente.Agreement) entente.Agreement {
	a := base
	a.Rules = map[entente.Matter]entente.DecisionRule{}
	for m, r := range base.Rules {
		a.Rules[m] = r
	}
	a.Scope.Activities, a.Scope.Exclusive = splitList(f.Activities), f.Exclusive
	a.Join, a.Benefits.Kind = entente.JoinRule(f.Join), entente.BenefitKind(f.Benefits)
	a.IP = entente.IPClause{Background: f.Background, Foreground: f.Foreground, Sideground: f.Sideground}
	periods := []struct {
		field, text string
		dst         *entente.Period
	}{{"notice", f.Notice, &a.Exit.Notice}, {"wind_down", f.WindDown, &a.Exit.WindDown}, {"negotiation", f.Negotiation, &a.Disputes.Negotiation},
		{"mediation", f.Mediation, &a.Disputes.Mediation}, {"arbitration", f.Arbitration, &a.Disputes.Arbitration}}
	for _, pd := range periods {
		if pd.text == "" {
			continue
		}
		v, err := entente.ParsePeriod(pd.text)
		if err != nil {
			f.bad(pd.field, "%v", err)
		}
		*pd.dst = v
	}
	for i := range f.Rules {
		rf := &f.Rules[i]
		if rf.Kind == "" {
			delete(a.Rules, rf.Matter) // the default for the kind of pact
			continue
		}
		r := entente.DecisionRule{Kind: entente.RuleKind(rf.Kind), WeightBy: rf.WeightBy}
		var err error
		if r.Threshold, err = parseShare(rf.Threshold); err != nil {
			rf.ThresholdErr = err.Error()
		}
		if r.SecondThreshold, err = parseShare(rf.Second); err != nil {
			rf.SecondErr = err.Error()
		}
		if r.Quorum, err = parseShare(rf.Quorum); err != nil {
			rf.QErr = err.Error()
		}
		if err := r.Validate(); err != nil && rf.ThresholdErr == "" && rf.SecondErr == "" && rf.QErr == "" {
			msg := entente.ErrorMessage(err)
			switch entente.ErrorField(err) {
			case "rule.threshold":
				rf.ThresholdErr = msg
			case "rule.second_threshold":
				rf.SecondErr = msg
			case "rule.quorum":
				rf.QErr = msg
			case "rule.weight_by", "rule.weights":
				rf.WeightErr = msg
			default:
				rf.KindErr = msg
			}
		}
		if rf.KindErr+rf.ThresholdErr+rf.SecondErr+rf.QErr+rf.WeightErr != "" {
			f.Errors["rule_"+string(rf.Matter)] = "see this rule's fields"
			continue
		}
		a.Rules[rf.Matter] = r
	}
	return a
}

// noteError notes a validation error against the editor's field it names.
func (f *foundForm) noteError(err error) {
	field := strings.TrimPrefix(entente.ErrorField(err), "agreement.")
	switch {
	case strings.HasPrefix(field, "purposes"):
		field = "purposes"
	case strings.HasPrefix(field, "benefits"):
		field = "benefits"
	case field == "exit.notice", field == "exit.wind_down":
		field = strings.TrimPrefix(field, "exit.")
	case strings.HasPrefix(field, "disputes."):
		field = strings.TrimPrefix(field, "disputes.")
	case strings.HasPrefix(field, "rules."):
		field = "rule_" + strings.SplitN(strings.TrimPrefix(field, "rules."), ".", 2)[0]
	}
	f.bad(field, "%s", entente.ErrorMessage(err))
}

// clause is one clause of an agreement in plain words.
type clause struct{ Title, Words string }

// ruleView is a matter's decision rule in words, with what it means in
// voting power among the members it would apply to.
type ruleView struct {
	Matter entente.Matter
	Words  string
	Power  *power.PowerReport
	Notes  []string
	Err    string
}

// foundPreview is a charter as the founders would sign it.
type foundPreview struct {
	Pact     entente.Pact
	Founders []entente.ActorID
	Clauses  []clause
	Rules    []ruleView
	// Args is the command's JSON, which the signers sign.
	Args string
	// Who names those whose voting power the tables show: "founders" or
	// "members".
	Who string
}

func days(p entente.Period) string {
	d := p.Duration()
	if d%entente.Day == 0 {
		n := int(d / entente.Day)
		if n == 1 {
			return "1 day"
		}
		return strconv.Itoa(n) + " days"
	}
	return d.String()
}

// clauses says each clause of p in plain words.
func clauses(p entente.Pact) []clause {
	a := p.Agreement
	var out []clause
	add := func(title, words string) { out = append(out, clause{title, words}) }
	if p.Kind == entente.Alliance {
		add("Kind", "An alliance: its members are bound to one another until it decides to end; outsiders join only by the members' decision.")
	} else {
		add("Kind", "A coalition: members work together on its objectives, and join and leave more freely than in an alliance.")
	}
	var what []string
	for _, v := range p.Purposes {
		what = append(what, strings.ReplaceAll(string(v), "_", " "))
	}
	var owe []string
	for _, v := range p.Obligations {
		owe = append(owe, strings.ReplaceAll(string(v), "_", " "))
	}
	if len(what) > 0 || len(owe) > 0 {
		w := ""
		if len(what) > 0 {
			w = "For " + strings.Join(what, ", ") + " purposes."
		}
		if len(owe) > 0 {
			w += " Members owe one another " + strings.Join(owe, ", ") + "."
		}
		add("Purpose", strings.TrimSpace(w))
	}
	scope := "The agreement names no particular activities."
	if len(a.Scope.Activities) > 0 {
		scope = "It covers " + strings.Join(a.Scope.Activities, ", ") + "."
	}
	if a.Scope.Exclusive {
		scope += " Exclusive: members may not pursue these activities with outsiders."
	}
	add("Scope", scope)
	switch a.JoinRuleFor(p.Kind) {
	case entente.JoinOpen:
		add("Joining", "Open: any registered actor that asks is admitted at once.")
	default:
		add("Joining", "By consent: an actor that asks is admitted only if the members adopt its admission under the admission rule below.")
	}
	switch a.Benefits.Kind {
	case entente.BenefitByContribution:
		add("Benefits", "Split in proportion to what each member delivered.")
	case entente.BenefitFixedShares:
		add("Benefits", "Split in fixed shares agreed in advance.")
	default:
		add("Benefits", "Split equally among the members.")
	}
	exit := "A member may leave at once by giving notice."
	if a.Exit.Notice > 0 {
		exit = "A member leaves " + days(a.Exit.Notice) + " after giving notice; its commitments stand until then."
	}
	if a.Exit.WindDown > 0 {
		exit += " Its obligations continue for a wind-down of " + days(a.Exit.WindDown) + "."
	}
	add("Leaving", exit)
	ladder := func(stage string, p entente.Period, next string) string {
		if p == 0 {
			return "At " + stage + " there is no deadline: it goes to " + next + " only when a party asks."
		}
		return "At " + stage + " for at most " + days(p) + ", then it goes to " + next + "."
	}
	add("Disputes", "A dispute starts with negotiation between the parties. "+ladder("negotiation", a.Disputes.Negotiation, "mediation")+" "+
		ladder("mediation", a.Disputes.Mediation, "arbitration")+" A mediator or arbiter, appointed with every party's signature, may close it alone at their stage; the parties may settle at any stage by all signing.")
	ip := []string{}
	if a.IP.Background != "" {
		ip = append(ip, "What members bring: "+a.IP.Background+".")
	}
	if a.IP.Foreground != "" {
		ip = append(ip, "What the pact creates: "+a.IP.Foreground+".")
	}
	if a.IP.Sideground != "" {
		ip = append(ip, "What members create beside it: "+a.IP.Sideground+".")
	}
	if len(ip) > 0 {
		add("Intellectual property", strings.Join(ip, " "))
	}
	if p.Visibility == entente.MembersOnly {
		add("Record", "Only members (and those holding a role) read the pact's record; anyone may still check its proofs.")
	} else {
		add("Record", "Public: anyone may read the pact's record and check its proofs.")
	}
	return out
}

// previewPact shows p as its founders would sign it: each clause in words,
// and for each matter the rule and what it means in voting power among the
// founders.
func (s *Server) previewPact(p entente.Pact, founders []entente.ActorID) *foundPreview {
	args, _ := json.Marshal(entente.FoundPact{Pact: p, Founders: founders})
	st, err := entente.Fold([]entente.Event{{Seq: 0, At: s.svc.Now(), By: founders[0], Data: entente.PactFounded{Pact: p, Founders: founders}}})
	return s.preview(st, err, p, founders, string(args), "founders")
}

// preview shows p clause by clause, and each matter's rule with its
// voting power among st's voters (err, when st could not be built).
func (s *Server) preview(st *entente.PactState, err error, p entente.Pact, founders []entente.ActorID, args, who string) *foundPreview {
	out := &foundPreview{Pact: p, Founders: founders, Clauses: clauses(p), Args: args, Who: who}
	for _, m := range editorMatters {
		rv := ruleView{Matter: m, Words: ruleWords(p.Agreement.RuleFor(p.Kind, m))}
		if err != nil {
			rv.Err = err.Error()
		} else {
			rv.Power, rv.Notes, rv.Err = s.rulePower(st, m)
		}
		out.Rules = append(out.Rules, rv)
	}
	return out
}

// rulePower computes the voting power of st's voters under its rule for
// m, with notes in words on vetoes, dummies and power unlike weight.
func (s *Server) rulePower(st *entente.PactState, m entente.Matter) (*power.PowerReport, []string, string) {
	actors := func(id entente.ActorID) *entente.Actor {
		a, err := s.svc.Actor(id)
		if err != nil {
			return nil
		}
		return a
	}
	exact := power.Options{Exact: true, MaxMemory: powerMaxMemory, MaxWork: powerMaxWork, MaxEnumPlayers: powerMaxEnum}
	rep, err := power.PactPower(st, m, actors, exact)
	if errors.Is(err, power.ErrTooLarge) {
		rep, err = power.PactPower(st, m, actors, power.Options{MonteCarlo: &power.MCOptions{Samples: powerSamples, Seed: powerSeed}})
	}
	if err != nil {
		return nil, nil, entente.ErrorMessage(err)
	}
	var notes, vetoes, dummies []string
	for _, p := range rep.Players {
		if p.Veto {
			vetoes = append(vetoes, p.Name)
		}
		if p.Dummy != nil && *p.Dummy {
			dummies = append(dummies, p.Name)
		}
	}
	switch {
	case len(vetoes) == len(rep.Players) && len(vetoes) > 1:
		notes = append(notes, "Every member can block a decision alone (each holds a veto), so each holds an equal share of power.")
	case len(vetoes) > 0:
		notes = append(notes, fmt.Sprintf("%s can block a decision alone (a veto).", strings.Join(vetoes, ", ")))
	}
	if len(dummies) > 0 {
		notes = append(notes, fmt.Sprintf("%s never decide(s) an outcome: no coalition needs them to win (a dummy).", strings.Join(dummies, ", ")))
	}
	if len(rep.Players) > 0 && rep.Players[0].Weights != nil {
		total := 0.0
		for _, p := range rep.Players {
			total += p.Weights[0]
		}
		for _, p := range rep.Players {
			if total > 0 && p.Banzhaf != nil {
				w := p.Weights[0] / total
				if d := *p.Banzhaf - w; d > 0.1 || d < -0.1 {
					notes = append(notes, fmt.Sprintf("%s holds %.0f%% of the weight but %.0f%% of the power (Banzhaf): weight is not power.", p.Name, 100*w, 100**p.Banzhaf))
				}
			}
		}
	}
	return &rep, notes, ""
}

// foundPageData is what the found page shows.
type foundPageData struct {
	Title      string
	Session    *sessionView
	ServerTime string
	Templates  []pactTemplate
	Form       foundForm
	Preview    *foundPreview
	RuleKinds  []entente.RuleKind
	// CanSign is set when the signed-in delegate's actor is a founder.
	CanSign bool
	// Expires is when the founders' request would expire (RFC 3339):
	// every founder must sign before.
	Lifetime string
}

// foundPage is the agreement editor: pick a template, edit its clauses,
// see each in plain words and each rule's voting power among the
// founders, and sign the founding, which the other founders then co-sign
// as a draft from their own sessions. It is a plain GET form, so editing
// and previewing work without JavaScript; only signing needs it.
func (s *Server) foundPage(w http.ResponseWriter, r *http.Request) {
	sess := s.currentSession(r)
	defaultFounders := ""
	if sess != nil {
		defaultFounders = string(sess.Actor)
	}
	f := readForm(r.URL.Query(), defaultFounders)
	d := foundPageData{Title: "Found a pact", Session: sess, ServerTime: s.svc.Now().UTC().Format(time.RFC3339Nano), Templates: pactTemplates,
		RuleKinds: entente.RuleKinds, Lifetime: strconv.FormatInt(int64((entente.MaxRequestLifetime-time.Hour)/time.Millisecond), 10)}
	known := func(id entente.ActorID) bool { _, err := s.svc.Actor(id); return err == nil }
	exists := func(id entente.PactID) bool { _, err := s.svc.Pact(id); return err == nil }
	if r.URL.Query().Get("edited") != "" && f.build(known, exists) {
		d.Preview = s.previewPact(f.pact, f.founders)
		d.CanSign = sess != nil && slices.Contains(f.founders, sess.Actor)
	}
	d.Form = f
	// A refused charter is a 400, except to htmx's live preview, which
	// swaps in only what a 2xx answers.
	if r.URL.Query().Get("edited") != "" && d.Preview == nil && r.Header.Get("HX-Request") == "" {
		w.WriteHeader(http.StatusBadRequest)
	}
	s.render(w, r, "found", "layout", d)
}
