package atop

import "github.com/entente/entente/dataset/csvio"

// Var names one of the ATOP codebook's categorical variables that are kept
// in Provisions rather than as typed fields. Its String is the CSV column
// name. The short glosses below are reminders only; the ATOP 5.1 codebook
// defines the variables and their codes.
type Var uint8

// Codebook variables present in all alliance-, phase- and member-level
// files.
const (
	EstMode  Var = iota // estmode: codebook variable ESTMODE
	PubSecr             // pubsecr: public or secret
	SecrArt             // secrart: secret articles
	ProAdd              // proadd: provision for adding members
	FutMem              // futmem: codebook variable FUTMEM
	SpecLgth            // speclgth: specified length
	Length              // length: length in months
	Renounce            // renounce: codebook variable RENOUNCE
	ProRen              // proren: provision for renewal
	RenewLgt            // renewlgt: renewal length in months
	Term                // term: codebook variable TERM
	NotAIden            // notaiden: not to aid enemies
	DipAid              // dipaid: diplomatic aid
	TerrRes             // terrres: codebook variable TERRRES
	SepPeace            // seppeace: no separate peace
	ThirdCom            // thirdcom: codebook variable THIRDCOM
	NoOthAll            // noothall: no other alliances
	SpecThrt            // specthrt: codebook variable SPECTHRT
	StatThr1            // statthr1: first threatening state (COW code)
	StatThr2            // statthr2: second threatening state (COW code)
	ConWtIn             // conwtin: codebook variable CONWTIN
	MedArb              // medarb: codebook variable MEDARB
	MilCon              // milcon: military contact
	MilAid              // milaid: military aid
	IntCom              // intcom: integrated command
	Subord              // subord: subordination of forces
	Organ1              // organ1: first organization
	OrgPurp1            // orgpurp1: purpose of first organization
	Organ2              // organ2: second organization
	OrgPurp2            // orgpurp2: purpose of second organization
	Base                // base: military bases
	Contrib             // contrib: contributions
	ArmRed              // armred: arms reduction
	AcqTerr             // acqterr: acquisition of territory
	DivGains            // divgains: division of gains
	DemWith             // demwith: demobilization/withdrawal
	RefLNUN             // reflnun: reference to League/UN
	RefOthIO            // refothio: reference to other IOs
	NatRefAl            // natrefal: codebook variable NATREFAL
	CompAg              // compag: codebook variable COMPAG
	NoMiCoop            // nomicoop: non-military cooperation
	ConRes              // conres: codebook variable CONRES
	AgProIS             // agprois: codebook variable AGPROIS
	ConMen              // conmen: codebook variable CONMEN
	EcAid               // ecaid: economic aid
	Interv              // interv: codebook variable INTERV

	// Variables only in the member-level file (missing, -1, elsewhere).

	TermMode // termmode: codebook variable TERMMODE
	TermCaus // termcaus: codebook variable TERMCAUS
	DefCoAdv // defcoadv: defense-condition detail, codebook variable DEFCOADV
	DefCoLoc // defcoloc: defense-condition detail, codebook variable DEFCOLOC
	DefCoCon // defcocon: defense-condition detail, codebook variable DEFCOCON
	DefCoNum // defconum: defense-condition detail, codebook variable DEFCONUM
	DefCoDem // defcodem: defense-condition detail, codebook variable DEFCODEM
	DefCoNPr // defconpr: defense-condition detail, codebook variable DEFCONPR
	OffCoAdv // offcoadv: offense-condition detail, codebook variable OFFCOADV
	OffCoLoc // offcoloc: offense-condition detail, codebook variable OFFCOLOC
	OffCoCon // offcocon: offense-condition detail, codebook variable OFFCOCON
	OffCoNum // offconum: offense-condition detail, codebook variable OFFCONUM
	OffCoDem // offcodem: offense-condition detail, codebook variable OFFCODEM
	NeuCoAdv // neucoadv: neutrality-condition detail, codebook variable NEUCOADV
	NeuCoLoc // neucoloc: neutrality-condition detail, codebook variable NEUCOLOC
	NeuCoCon // neucocon: neutrality-condition detail, codebook variable NEUCOCON
	NeuCoNum // neuconum: neutrality-condition detail, codebook variable NEUCONUM
	NeuCoDem // neucodem: neutrality-condition detail, codebook variable NEUCODEM
	NeuCoNPr // neuconpr: neutrality-condition detail, codebook variable NEUCONPR
	NeuCoAtt // neucoatt: neutrality-condition detail, codebook variable NEUCOATT
	ConCoAdv // concoadv: consultation-condition detail, codebook variable CONCOADV
	ConCoLoc // concoloc: consultation-condition detail, codebook variable CONCOLOC
	ConCoCon // concocon: consultation-condition detail, codebook variable CONCOCON
	ConCoReq // concoreq: consultation-condition detail, codebook variable CONCOREQ
	OliMob   // olimob: codebook variable OLIMOB

	// NumVars is the number of Var values.
	NumVars
)

var varNames = [NumVars]string{
	"estmode", "pubsecr", "secrart", "proadd", "futmem", "speclgth", "length",
	"renounce", "proren", "renewlgt", "term", "notaiden", "dipaid", "terrres",
	"seppeace", "thirdcom", "noothall", "specthrt", "statthr1", "statthr2",
	"conwtin", "medarb", "milcon", "milaid", "intcom", "subord", "organ1",
	"orgpurp1", "organ2", "orgpurp2", "base", "contrib", "armred", "acqterr",
	"divgains", "demwith", "reflnun", "refothio", "natrefal", "compag",
	"nomicoop", "conres", "agprois", "conmen", "ecaid", "interv",
	"termmode", "termcaus",
	"defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr",
	"offcoadv", "offcoloc", "offcocon", "offconum", "offcodem",
	"neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt",
	"concoadv", "concoloc", "concocon", "concoreq", "olimob",
}

// firstMemberOnly is the first Var absent from the alliance-level tables.
const firstMemberOnly = TermMode

// String returns the CSV column name of v.
func (v Var) String() string {
	if v < NumVars {
		return varNames[v]
	}
	return "Var(?)"
}

// Provisions holds the codebook variables listed by Var, indexed by Var.
// A value of -1 means missing (an empty field, or a variable the table does
// not have); every other value is the codebook's code. int16 keeps a record
// compact while holding the largest codes (month lengths up to 600, COW
// codes up to 740 in statthr1/2).
type Provisions [NumVars]int16

// Get returns the code of v and whether it is present.
func (p *Provisions) Get(v Var) (code int, ok bool) {
	if v >= NumVars || p[v] < 0 {
		return 0, false
	}
	return int(p[v]), true
}

// maxCode bounds the accepted codes; it is well above every code in the
// codebook and rejects junk such as 19595.
const maxCode = 9999

// provisionCols maps each Var to its column in the current header, -1 when
// absent.
type provisionCols [NumVars]int

func newProvisionCols(rd *csvio.Reader) provisionCols {
	var pc provisionCols
	for v := range NumVars {
		pc[v] = rd.Col(varNames[v])
	}
	return pc
}

func (pc *provisionCols) read(rd *csvio.Reader) Provisions {
	var p Provisions
	for v, c := range pc {
		if c < 0 {
			p[v] = -1
			continue
		}
		p[v] = rd.Code(c, 0, maxCode)
	}
	return p
}

// provisionColumns returns the column names common to all alliance tables,
// for the schemas' Required lists.
func provisionColumns() []string {
	return varNames[:firstMemberOnly]
}
