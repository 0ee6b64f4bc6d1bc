Attribute VB_Name = "indeval"
' indeval for Excel: rates children's-services scorecard indicators Red/Amber/Green with the
' indeval library (indeval.dll). The worksheet functions at the end of this module are what most
' workbooks need:
'
'   =IndevalRate(rule text, value, [target], [decimals], [fraction])   -> "Red", "Amber", ...
'   =IndevalExplain(rule text, value, [target], [decimals], [fraction], [unit])
'   =IndevalDirection(previous, current, [polarity], [rule text], [decimals], [fraction])
'   =IndevalLint(rule text)            =IndevalCanonical(rule text)
'   =IndevalRateRange(rule text, values, [target], ...)
'   =IndevalLastError([after cell])    =IndevalVersion()
' Each takes cells or ranges (a range gives an array of results); a refused input is #VALUE!,
' and =IndevalLastError() says why.
'
' Above them, every function of the C ABI (capi/include/indeval.h) is declared for VBA code that
' needs more (indicators, lint, bulk rating with catalogues): Public in the UTF-16 (_w) form that
' VBA Strings are, Private in the UTF-8 form where there is a _w form. indeval.h is the reference; it documents every
' function, and these declarations follow it parameter by parameter.
'
' SETUP
'   - Windows Office only. indeval.dll must have the bitness of Office, not of Windows: 64-bit
'     Office needs the 64-bit build, 32-bit Office the 32-bit one (File > Account > About Excel
'     says which). A mismatch, or a missing DLL, is VBA run-time error 48 or 53.
'   - Put indeval.dll next to the workbook (or add-in) holding this module, or the release's
'     x64\ and x86\ folders there (each holds the indeval.dll of its bitness): the worksheet
'     functions load it from there on first use. Failing that, Windows searches Excel's folder
'     and PATH. IndevalLoad "C:\path\to\indeval.dll" loads it from anywhere else. The DLL's ABI
'     major version must be this module's (INDEVAL_ABI_MAJOR), its minor at least this one's.
'   - "#If VBA7" holds the declarations for Office 2010 and later, 32- and 64-bit (PtrSafe,
'     LongPtr); "#Else" the same for VBA 6 (Office 2007 and older, 32-bit only), where LongPtr is
'     Long. On 32-bit Windows indeval.dll uses __stdcall, as Declare expects.
'
' CONVENTIONS (the C ABI's, as seen from VBA)
'   - Every function returns a Long: INDEVAL_OK (0) or a negative INDEVAL_E_* code. Results come
'     back through ByRef parameters. After a failure, IndevalLibraryError (indeval_last_error_w)
'     says what went wrong (a successful call leaves that message unchanged).
'   - Flags (indeval_rules_info's) are Long 0/1, not VBA Booleans (True is -1, and Not 1 is -2):
'     test them with <> 0, or use IndevalRulesInfo, which gives Booleans.
'   - int32_t is Long, double is Double, a handle (rules, indicator, series, catalogue, findings)
'     is a LongPtr: ByRef where the function creates it, ByVal everywhere else. Every handle that
'     a _parse, _create or indeval_lint gives must go back to its _free (which accepts 0).
'   - Text in: the _w functions take UTF-16, a VBA String as it is: pass IndevalText(s), which is
'     StrPtr(s) except for an empty String, whose StrPtr may be 0 (NULL, refused). VBA has no
'     UTF-8 conversion (StrConv gives the local code page), so a UTF-8 function with a _w twin is
'     declared Private: call the _w form. The few without a twin take ASCII text as UTF-8:
'     pass StrPtr(StrConv(s & vbNullChar, vbFromUnicode)).
'   - Text out: (Buf, Cap, Needed). Fill a String with Cap characters and pass StrPtr of it, e.g.
'     s = String$(256, vbNullChar); the text is Left$(s, Needed). INDEVAL_E_BUFFER means it was
'     too small: make it Needed + 1 characters and call again.
'   - Arrays: an array the function needs is passed ByRef as its first element, e.g. figures(0);
'     an array that may be left out (NULL in indeval.h) is ByVal LongPtr: VarPtr(a(0)), or 0.
'   - The bulk functions return status, reason and direction codes (0..5) in Byte arrays: pass the
'     first element of a Byte array as large as the input.
'   - A missing figure (value, target, cohort) is NaN, which VBA cannot write: indeval_no_figure
'     gives one. Decimals are 0..15, or INDEVAL_NO_DECIMALS (-1) for "do not round".
'   - Codes this module does not know (from a newer indeval.dll) are to be treated as "None".
Option Explicit

' the ABI this module was written for: compare with indeval_abi_version
Public Const INDEVAL_ABI_MAJOR As Long = 1
Public Const INDEVAL_ABI_MINOR As Long = 2

' return codes (never renumbered, names never reused)
Public Const INDEVAL_OK As Long = 0
Public Const INDEVAL_E_NULL As Long = -1             ' a required pointer is NULL
Public Const INDEVAL_E_RANGE As Long = -2            ' a count, code, index or size out of range
Public Const INDEVAL_E_PARSE As Long = -3            ' rule text could not be read
Public Const INDEVAL_E_HANDLE As Long = -4           ' wrong kind of handle, or a freed one
Public Const INDEVAL_E_BUFFER As Long = -5           ' an output buffer is too small (see Needed)
Public Const INDEVAL_E_NOMEM As Long = -6            ' out of memory
Public Const INDEVAL_E_INTERNAL As Long = -7         ' an unexpected failure (a bug)
Public Const INDEVAL_E_ENCODING As Long = -8         ' malformed UTF-16 (an unpaired surrogate)
Public Const INDEVAL_E_UNSUPPORTED As Long = -9      ' e.g. a SIMD kernel this CPU lacks

' status: the colour a value is rated
Public Const INDEVAL_STATUS_NONE As Long = 0
Public Const INDEVAL_STATUS_RED As Long = 1
Public Const INDEVAL_STATUS_AMBER As Long = 2
Public Const INDEVAL_STATUS_GREEN As Long = 3
Public Const INDEVAL_STATUS_BLUE As Long = 4

' reason: why a value got its status
Public Const INDEVAL_REASON_RATED As Long = 0
Public Const INDEVAL_REASON_NO_DATA As Long = 1      ' the value is NaN
Public Const INDEVAL_REASON_NOT_RATED As Long = 2    ' no rule set
Public Const INDEVAL_REASON_NEEDS_TARGET As Long = 3 ' relative to a target; there is none
Public Const INDEVAL_REASON_NEEDS_COHORT As Long = 4 ' relative to a cohort; there is none
Public Const INDEVAL_REASON_NOT_FINITE As Long = 5   ' the value is +inf or -inf
Public Const INDEVAL_REASON_NEEDS_COMPARATOR As Long = 6 ' relative to a comparator; there is none

' direction of travel from the previous value
Public Const INDEVAL_DIRECTION_NONE As Long = 0
Public Const INDEVAL_DIRECTION_IMPROVED As Long = 1
Public Const INDEVAL_DIRECTION_DECLINED As Long = 2
Public Const INDEVAL_DIRECTION_SAME As Long = 3
Public Const INDEVAL_DIRECTION_UP As Long = 4        ' moved up; which way is good is unknown
Public Const INDEVAL_DIRECTION_DOWN As Long = 5

' polarity: which way is good
Public Const INDEVAL_POLARITY_NEUTRAL As Long = 0
Public Const INDEVAL_POLARITY_BIB As Long = 1        ' bigger is better
Public Const INDEVAL_POLARITY_SIB As Long = 2        ' smaller is better

' scale: how percentage values arrive (rule text is always in points)
Public Const INDEVAL_SCALE_POINTS As Long = 0        ' 63.9 means 63.9%
Public Const INDEVAL_SCALE_FRACTION As Long = 1      ' 0.639 means 63.9%

' unit of an indicator's numbers
Public Const INDEVAL_UNIT_COUNT As Long = 0
Public Const INDEVAL_UNIT_PERCENT As Long = 1
Public Const INDEVAL_UNIT_DAYS As Long = 2
Public Const INDEVAL_UNIT_AVERAGE As Long = 3
Public Const INDEVAL_UNIT_RATE As Long = 4

' orientation of a rule set's bands
Public Const INDEVAL_ORIENTATION_NONE As Long = 0
Public Const INDEVAL_ORIENTATION_RISING As Long = 1  ' better bands sit higher
Public Const INDEVAL_ORIENTATION_FALLING As Long = 2 ' better bands sit lower

' bulk kernels
Public Const INDEVAL_KERNEL_AUTOMATIC As Long = 0
Public Const INDEVAL_KERNEL_SCALAR As Long = 1
Public Const INDEVAL_KERNEL_AVX2 As Long = 2
Public Const INDEVAL_KERNEL_AVX512 As Long = 3

' engine: bulk requests (indeval_request_*)
Public Const INDEVAL_JOB_RATE As Long = 1
Public Const INDEVAL_JOB_COMPARE As Long = 2
Public Const INDEVAL_JOB_NEIGHBOURS As Long = 3
Public Const INDEVAL_JOB_SPC As Long = 4
Public Const INDEVAL_TYPE_INT8 As Long = 1
Public Const INDEVAL_TYPE_UINT8 As Long = 2          ' a VBA Byte array
Public Const INDEVAL_TYPE_INT16 As Long = 3          ' a VBA Integer array
Public Const INDEVAL_TYPE_INT32 As Long = 4          ' a VBA Long array
Public Const INDEVAL_TYPE_DOUBLE As Long = 5         ' a VBA Double array
Public Const INDEVAL_ARRAY_VALUE As Long = 1
Public Const INDEVAL_ARRAY_PREVIOUS As Long = 2
Public Const INDEVAL_ARRAY_INDEX As Long = 3
Public Const INDEVAL_ARRAY_TARGET As Long = 4
Public Const INDEVAL_ARRAY_COHORT As Long = 5
Public Const INDEVAL_ARRAY_ENGLAND As Long = 6
Public Const INDEVAL_ARRAY_REGION As Long = 7
Public Const INDEVAL_ARRAY_NEIGHBOUR_MEAN As Long = 8
Public Const INDEVAL_ARRAY_PREVIOUS_PERIOD As Long = 9
Public Const INDEVAL_ARRAY_PREVIOUS_YEAR As Long = 10
Public Const INDEVAL_COMPARATOR_ENGLAND As Long = 0
Public Const INDEVAL_COMPARATOR_REGION As Long = 1
Public Const INDEVAL_COMPARATOR_NEIGHBOURS As Long = 2
Public Const INDEVAL_COMPARATOR_PREVIOUS As Long = 3
Public Const INDEVAL_COMPARATOR_PREVIOUS_YEAR As Long = 4
Public Const INDEVAL_COMPARATORS As Long = 5
Public Const INDEVAL_OUTPUT_STATUS As Long = 101
Public Const INDEVAL_OUTPUT_REASON As Long = 102
Public Const INDEVAL_OUTPUT_DIRECTION As Long = 103
Public Const INDEVAL_OPTION_THREADS As Long = 201
Public Const INDEVAL_OPTION_KERNEL As Long = 202
Public Const INDEVAL_OPTION_SCALE As Long = 220

' comparisons: ranks, quartile bands, statistical-neighbour means (jobs COMPARE and NEIGHBOURS)
Public Const INDEVAL_ARRAY_AREA As Long = 20
Public Const INDEVAL_ARRAY_POLARITY As Long = 21
Public Const INDEVAL_ARRAY_QUARTILES As Long = 22
Public Const INDEVAL_ARRAY_NEIGHBOURS As Long = 23
Public Const INDEVAL_OUTPUT_RANK As Long = 120
Public Const INDEVAL_OUTPUT_BAND As Long = 121
Public Const INDEVAL_OUTPUT_NEIGHBOUR_MEAN As Long = 122
Public Const INDEVAL_OPTION_DIGITS As Long = 230
Public Const INDEVAL_OPTION_NEIGHBOURS_PER_AREA As Long = 231
Public Const INDEVAL_QUARTILE_NONE As Long = 0
Public Const INDEVAL_QUARTILE_A As Long = 1
Public Const INDEVAL_QUARTILE_B As Long = 2
Public Const INDEVAL_QUARTILE_C As Long = 3
Public Const INDEVAL_QUARTILE_D As Long = 4

' statistical process control: the INDEVAL_JOB_SPC job and its codes
Public Const INDEVAL_ARRAY_SPC_VALUE As Long = 40
Public Const INDEVAL_ARRAY_SPC_DATE As Long = 41
Public Const INDEVAL_ARRAY_SPC_REBASE As Long = 42
Public Const INDEVAL_ARRAY_SPC_IMPROVEMENT As Long = 43
Public Const INDEVAL_ARRAY_SPC_TARGET As Long = 44
Public Const INDEVAL_ARRAY_SPC_FIX_AFTER As Long = 45
Public Const INDEVAL_ARRAY_SPC_SCREEN As Long = 46
Public Const INDEVAL_OUTPUT_SPC_MEAN As Long = 140
Public Const INDEVAL_OUTPUT_SPC_LOWER As Long = 141
Public Const INDEVAL_OUTPUT_SPC_UPPER As Long = 142
Public Const INDEVAL_OUTPUT_SPC_VARIATION As Long = 143
Public Const INDEVAL_OUTPUT_SPC_RULE As Long = 144
Public Const INDEVAL_OUTPUT_SPC_ASSURANCE As Long = 145
Public Const INDEVAL_OUTPUT_SPC_WARNINGS As Long = 146
Public Const INDEVAL_OUTPUT_SPC_LAST_VARIATION As Long = 147
Public Const INDEVAL_OPTION_SPC_IMPROVEMENT As Long = 240
Public Const INDEVAL_OPTION_SPC_TARGET As Long = 241
Public Const INDEVAL_OPTION_SPC_FIX_AFTER As Long = 242
Public Const INDEVAL_OPTION_SPC_SCREEN As Long = 243
Public Const INDEVAL_SPC_VARIATION_COMMON_CAUSE As Long = 0
Public Const INDEVAL_SPC_VARIATION_IMPROVEMENT As Long = 1
Public Const INDEVAL_SPC_VARIATION_CONCERN As Long = 2
Public Const INDEVAL_SPC_VARIATION_NEUTRAL_HIGH As Long = 3
Public Const INDEVAL_SPC_VARIATION_NEUTRAL_LOW As Long = 4
Public Const INDEVAL_SPC_RULE_NONE As Long = 0
Public Const INDEVAL_SPC_RULE_ABOVE_UPPER As Long = 1
Public Const INDEVAL_SPC_RULE_BELOW_LOWER As Long = 2
Public Const INDEVAL_SPC_RULE_TREND_UP As Long = 3
Public Const INDEVAL_SPC_RULE_TREND_DOWN As Long = 4
Public Const INDEVAL_SPC_RULE_TWO_OF_THREE_HIGH As Long = 5
Public Const INDEVAL_SPC_RULE_TWO_OF_THREE_LOW As Long = 6
Public Const INDEVAL_SPC_RULE_SHIFT_HIGH As Long = 7
Public Const INDEVAL_SPC_RULE_SHIFT_LOW As Long = 8
Public Const INDEVAL_SPC_ASSURANCE_NONE As Long = 0
Public Const INDEVAL_SPC_ASSURANCE_PASS As Long = 1
Public Const INDEVAL_SPC_ASSURANCE_FAIL As Long = 2
Public Const INDEVAL_SPC_ASSURANCE_INCONSISTENT As Long = 3
Public Const INDEVAL_SPC_WARNING_SHORT_PHASE As Long = 1
Public Const INDEVAL_SPC_WARNING_MISSING_VALUES As Long = 2
Public Const INDEVAL_SPC_WARNING_UNDEFINED_LIMITS As Long = 4
Public Const INDEVAL_SPC_NAME_VARIATION As Long = 1
Public Const INDEVAL_SPC_NAME_RULE As Long = 2
Public Const INDEVAL_SPC_NAME_ASSURANCE As Long = 3
Public Const INDEVAL_SPC_NAME_IMPROVEMENT As Long = 4
Public Const INDEVAL_YEAR_CALENDAR As Long = 0
Public Const INDEVAL_YEAR_FINANCIAL As Long = 1
Public Const INDEVAL_YEAR_ACADEMIC As Long = 2

' severity of a lint finding
Public Const INDEVAL_SEVERITY_INFO As Long = 0
Public Const INDEVAL_SEVERITY_WARNING As Long = 1
Public Const INDEVAL_SEVERITY_ERROR As Long = 2

' decimals: do not round
Public Const INDEVAL_NO_DECIMALS As Long = -1

' text fields of an indicator (indeval_indicator_set_text)
Public Const INDEVAL_FIELD_REF As Long = 0           ' "AMT 2"
Public Const INDEVAL_FIELD_TITLE As Long = 1
Public Const INDEVAL_FIELD_SECTION As Long = 2
Public Const INDEVAL_FIELD_RULE_TEXT As Long = 3     ' the RAG methodology, for lint

' text fields of a lint finding (indeval_findings_text)
Public Const INDEVAL_FINDING_CODE As Long = 0        ' a stable identifier of the kind of finding
Public Const INDEVAL_FINDING_MESSAGE As Long = 1     ' a sentence for a person
Public Const INDEVAL_FINDING_WHERE As Long = 2       ' a period label, "rules", "target" ...

' ---- reading and printing: cells, periods, names, figures (ABI 1.1)
Public Const INDEVAL_UNIT_NONE As Long = -1
Public Const INDEVAL_CELL_FIGURE As Long = 0
Public Const INDEVAL_CELL_BLANK As Long = 1
Public Const INDEVAL_CELL_NOT_AVAILABLE As Long = 2
Public Const INDEVAL_CELL_SPREADSHEET_ERROR As Long = 3
Public Const INDEVAL_CELL_NO_FIGURE_TEXT As Long = 4
Public Const INDEVAL_CELL_SUPPRESSED As Long = 5
Public Const INDEVAL_CELL_MALFORMED As Long = 6
Public Const INDEVAL_QUALIFIER_NONE As Long = 0
Public Const INDEVAL_QUALIFIER_APPROXIMATE As Long = 1
Public Const INDEVAL_QUALIFIER_ESTIMATE As Long = 2
Public Const INDEVAL_QUALIFIER_PROVISIONAL As Long = 3
Public Const INDEVAL_QUALIFIER_ROUNDED As Long = 4
Public Const INDEVAL_QUALIFIER_SUPPRESSED As Long = 5
Public Const INDEVAL_READ_EXACT As Long = 0
Public Const INDEVAL_READ_SIGNIFICANT_15 As Long = 1
Public Const INDEVAL_PERIOD_MONTH As Long = 0
Public Const INDEVAL_PERIOD_QUARTER As Long = 1
Public Const INDEVAL_PERIOD_CALENDAR_YEAR As Long = 2
Public Const INDEVAL_PERIOD_FINANCIAL_YEAR As Long = 3
Public Const INDEVAL_PERIOD_ACADEMIC_YEAR As Long = 4
Public Const INDEVAL_NAMES_STATUS As Long = 0
Public Const INDEVAL_NAMES_POLARITY As Long = 1
Public Const INDEVAL_NAMES_UNIT As Long = 2
Public Const INDEVAL_NAMES_REASON As Long = 3
Public Const INDEVAL_NAMES_DIRECTION As Long = 4
Public Const INDEVAL_NAMES_LINT_CODE As Long = 5
Public Const INDEVAL_NAMES_SEVERITY As Long = 6
Public Const INDEVAL_NAMES_CELL As Long = 7
Public Const INDEVAL_NAMES_QUALIFIER As Long = 8
Public Const INDEVAL_NAMES_PERIOD_KIND As Long = 9
Public Const INDEVAL_NAMES_YEAR_KIND As Long = 10
Public Const INDEVAL_NAMES_COMPARATOR As Long = 11

' ==== the C ABI ==================================================================================

#If VBA7 Then

' ---- library
' Version numbers; the last error of the calling thread; a NaN for missing figures.
Public Declare PtrSafe Function indeval_version Lib "indeval.dll" _
    Alias "indeval_version" (ByRef Major As Long, ByRef Minor As Long, _
    ByRef Patch As Long) As Long
Public Declare PtrSafe Function indeval_version_string Lib "indeval.dll" _
    Alias "indeval_version_string" (ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_abi_version Lib "indeval.dll" _
    Alias "indeval_abi_version" (ByRef Major As Long, ByRef Minor As Long) As Long
Private Declare PtrSafe Function indeval_last_error Lib "indeval.dll" _
    Alias "indeval_last_error" (ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_last_error_w Lib "indeval.dll" _
    Alias "indeval_last_error_w" (ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_no_figure Lib "indeval.dll" _
    Alias "indeval_no_figure" (ByRef Figure As Double) As Long

' ---- rule sets
' Rules may be 0 where indeval.h says NULL is allowed (not rated). Target, Cohort: NaN for none.
' ValueScale: INDEVAL_SCALE_*. Decimals: 0..15 or INDEVAL_NO_DECIMALS.
Private Declare PtrSafe Function indeval_rules_parse Lib "indeval.dll" _
    Alias "indeval_rules_parse" (ByVal RuleText As LongPtr, ByRef NewRules As LongPtr, _
    ByRef ErrorPosition As Long) As Long
Public Declare PtrSafe Function indeval_rules_parse_w Lib "indeval.dll" _
    Alias "indeval_rules_parse_w" (ByVal RuleText As LongPtr, ByRef NewRules As LongPtr, _
    ByRef ErrorPosition As Long) As Long
Public Declare PtrSafe Function indeval_rules_free Lib "indeval.dll" _
    Alias "indeval_rules_free" (ByVal Rules As LongPtr) As Long
Public Declare PtrSafe Function indeval_rules_clone Lib "indeval.dll" _
    Alias "indeval_rules_clone" (ByVal Rules As LongPtr, ByRef NewRules As LongPtr) As Long
Private Declare PtrSafe Function indeval_rules_print Lib "indeval.dll" _
    Alias "indeval_rules_print" (ByVal Rules As LongPtr, ByVal Buf As LongPtr, _
    ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_rules_print_w Lib "indeval.dll" _
    Alias "indeval_rules_print_w" (ByVal Rules As LongPtr, ByVal Buf As LongPtr, _
    ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_rules_info Lib "indeval.dll" _
    Alias "indeval_rules_info" (ByVal Rules As LongPtr, ByRef Bands As Long, _
    ByRef Orientation As Long, ByRef NeedsTarget As Long, ByRef NeedsCohort As Long) As Long
Public Declare PtrSafe Function indeval_rules_evaluate Lib "indeval.dll" _
    Alias "indeval_rules_evaluate" (ByVal Rules As LongPtr, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByRef Status As Long, ByRef Reason As Long) As Long
Public Declare PtrSafe Function indeval_rules_evaluate_detail Lib "indeval.dll" _
    Alias "indeval_rules_evaluate_detail" (ByVal Rules As LongPtr, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Polarity As Long, ByRef Status As Long, _
    ByRef Reason As Long, ByRef Band As Long, ByRef RatedValue As Double, _
    ByRef RatedTarget As Double, ByRef Distance As Double) As Long
Private Declare PtrSafe Function indeval_rules_explain Lib "indeval.dll" _
    Alias "indeval_rules_explain" (ByVal Rules As LongPtr, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Unit As Long, ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_rules_explain_w Lib "indeval.dll" _
    Alias "indeval_rules_explain_w" (ByVal Rules As LongPtr, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Unit As Long, ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
' Comparators (ABI 1.2): Comparators is the first element of a Double array indexed by
' INDEVAL_COMPARATOR_*, Count elements long (0..INDEVAL_COMPARATORS).
Private Declare PtrSafe Function indeval_rules_parse_for Lib "indeval.dll" _
    Alias "indeval_rules_parse_for" (ByVal RuleText As LongPtr, ByVal Polarity As Long, _
    ByRef NewRules As LongPtr, ByRef ErrorPosition As Long) As Long
Public Declare PtrSafe Function indeval_rules_parse_for_w Lib "indeval.dll" _
    Alias "indeval_rules_parse_for_w" (ByVal RuleText As LongPtr, ByVal Polarity As Long, _
    ByRef NewRules As LongPtr, ByRef ErrorPosition As Long) As Long
Public Declare PtrSafe Function indeval_rules_comparators Lib "indeval.dll" _
    Alias "indeval_rules_comparators" (ByVal Rules As LongPtr, ByRef Mask As Long) As Long
Public Declare PtrSafe Function indeval_rules_evaluate_against Lib "indeval.dll" _
    Alias "indeval_rules_evaluate_against" (ByVal Rules As LongPtr, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Polarity As Long, ByRef Comparators As Double, _
    ByVal Count As Long, ByRef Status As Long, ByRef Reason As Long) As Long
Private Declare PtrSafe Function indeval_rules_explain_against Lib "indeval.dll" _
    Alias "indeval_rules_explain_against" (ByVal Rules As LongPtr, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Unit As Long, ByRef Comparators As Double, _
    ByVal Count As Long, ByVal Buf As LongPtr, ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_rules_explain_against_w Lib "indeval.dll" _
    Alias "indeval_rules_explain_against_w" (ByVal Rules As LongPtr, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Unit As Long, ByRef Comparators As Double, _
    ByVal Count As Long, ByVal Buf As LongPtr, ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_direction Lib "indeval.dll" _
    Alias "indeval_direction" (ByVal Previous As Double, ByVal Current As Double, _
    ByVal Polarity As Long, ByVal Rules As LongPtr, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByRef Direction As Long) As Long

' ---- indicators
' Field: INDEVAL_FIELD_*. FieldText: StrPtr(s) for the _w function, UTF-8 bytes otherwise.
Public Declare PtrSafe Function indeval_indicator_create Lib "indeval.dll" _
    Alias "indeval_indicator_create" (ByRef NewIndicator As LongPtr) As Long
Public Declare PtrSafe Function indeval_indicator_free Lib "indeval.dll" _
    Alias "indeval_indicator_free" (ByVal Indicator As LongPtr) As Long
Public Declare PtrSafe Function indeval_indicator_set Lib "indeval.dll" _
    Alias "indeval_indicator_set" (ByVal Indicator As LongPtr, ByVal Polarity As Long, _
    ByVal Unit As Long, ByVal Decimals As Long, ByVal Target As Double) As Long
Public Declare PtrSafe Function indeval_indicator_set_rules Lib "indeval.dll" _
    Alias "indeval_indicator_set_rules" (ByVal Indicator As LongPtr, _
    ByVal Rules As LongPtr) As Long
Private Declare PtrSafe Function indeval_indicator_set_text Lib "indeval.dll" _
    Alias "indeval_indicator_set_text" (ByVal Indicator As LongPtr, ByVal Field As Long, _
    ByVal FieldText As LongPtr) As Long
Public Declare PtrSafe Function indeval_indicator_set_text_w Lib "indeval.dll" _
    Alias "indeval_indicator_set_text_w" (ByVal Indicator As LongPtr, ByVal Field As Long, _
    ByVal FieldText As LongPtr) As Long
Public Declare PtrSafe Function indeval_indicator_evaluate Lib "indeval.dll" _
    Alias "indeval_indicator_evaluate" (ByVal Indicator As LongPtr, ByVal Value As Double, _
    ByVal Cohort As Double, ByVal ValueScale As Long, ByRef Status As Long, _
    ByRef Reason As Long) As Long
Private Declare PtrSafe Function indeval_indicator_explain Lib "indeval.dll" _
    Alias "indeval_indicator_explain" (ByVal Indicator As LongPtr, ByVal Value As Double, _
    ByVal Cohort As Double, ByVal ValueScale As Long, ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_indicator_explain_w Lib "indeval.dll" _
    Alias "indeval_indicator_explain_w" (ByVal Indicator As LongPtr, ByVal Value As Double, _
    ByVal Cohort As Double, ByVal ValueScale As Long, ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_indicator_direction Lib "indeval.dll" _
    Alias "indeval_indicator_direction" (ByVal Indicator As LongPtr, ByVal Previous As Double, _
    ByVal Current As Double, ByVal ValueScale As Long, ByRef Direction As Long) As Long

' ---- series
' Period, Note, Published: IndevalText(s) (0 for none: Note, Published).
' indeval_series_add_many_w: Periods is the first element of a LongPtr array of IndevalText
' values; Notes and PublishedTexts are VarPtr of the first element of such an array, or 0.
Public Declare PtrSafe Function indeval_series_create Lib "indeval.dll" _
    Alias "indeval_series_create" (ByRef NewSeries As LongPtr) As Long
Public Declare PtrSafe Function indeval_series_free Lib "indeval.dll" _
    Alias "indeval_series_free" (ByVal Series As LongPtr) As Long
Private Declare PtrSafe Function indeval_series_add Lib "indeval.dll" _
    Alias "indeval_series_add" (ByVal Series As LongPtr, ByVal Period As LongPtr, _
    ByVal Value As Double, ByVal Note As LongPtr, ByVal Published As LongPtr) As Long
Public Declare PtrSafe Function indeval_series_add_w Lib "indeval.dll" _
    Alias "indeval_series_add_w" (ByVal Series As LongPtr, ByVal Period As LongPtr, _
    ByVal Value As Double, ByVal Note As LongPtr, ByVal Published As LongPtr) As Long
Private Declare PtrSafe Function indeval_series_add_many Lib "indeval.dll" _
    Alias "indeval_series_add_many" (ByVal Series As LongPtr, ByVal Count As Long, _
    ByRef Periods As LongPtr, ByRef Values As Double, ByVal Notes As LongPtr, _
    ByVal PublishedTexts As LongPtr) As Long
Public Declare PtrSafe Function indeval_series_add_many_w Lib "indeval.dll" _
    Alias "indeval_series_add_many_w" (ByVal Series As LongPtr, ByVal Count As Long, _
    ByRef Periods As LongPtr, ByRef Values As Double, ByVal Notes As LongPtr, _
    ByVal PublishedTexts As LongPtr) As Long
Public Declare PtrSafe Function indeval_series_size Lib "indeval.dll" _
    Alias "indeval_series_size" (ByVal Series As LongPtr, ByRef Count As Long) As Long
Public Declare PtrSafe Function indeval_series_direction Lib "indeval.dll" _
    Alias "indeval_series_direction" (ByVal Indicator As LongPtr, ByVal Series As LongPtr, _
    ByVal PreviousPosition As Long, ByVal CurrentPosition As Long, ByVal ValueScale As Long, _
    ByRef Direction As Long) As Long

' ---- catalogue and bulk evaluation
' Values: first element of a Double array; Statuses: first element of a Byte array of the
' same size. Previous and Targets, Cohorts (Double), Entries (Long), Reasons and Directions
' (Byte) may be NULL: pass VarPtr(a(0)), or 0 for none. Threads: 1 = this thread only,
' n > 1 = up to n threads, 0 = one per hardware thread.
Public Declare PtrSafe Function indeval_catalogue_create Lib "indeval.dll" _
    Alias "indeval_catalogue_create" (ByRef NewCatalogue As LongPtr) As Long
Public Declare PtrSafe Function indeval_catalogue_free Lib "indeval.dll" _
    Alias "indeval_catalogue_free" (ByVal Catalogue As LongPtr) As Long
Public Declare PtrSafe Function indeval_catalogue_add Lib "indeval.dll" _
    Alias "indeval_catalogue_add" (ByVal Catalogue As LongPtr, ByVal Rules As LongPtr, _
    ByVal Decimals As Long, ByVal ValueScale As Long, ByVal Polarity As Long, _
    ByVal Target As Double, ByRef Entry As Long) As Long
Public Declare PtrSafe Function indeval_catalogue_add_indicator Lib "indeval.dll" _
    Alias "indeval_catalogue_add_indicator" (ByVal Catalogue As LongPtr, _
    ByVal Indicator As LongPtr, ByVal ValueScale As Long, ByRef Entry As Long) As Long
Public Declare PtrSafe Function indeval_catalogue_size Lib "indeval.dll" _
    Alias "indeval_catalogue_size" (ByVal Catalogue As LongPtr, ByRef Size As Long) As Long
Public Declare PtrSafe Function indeval_evaluate_bulk Lib "indeval.dll" _
    Alias "indeval_evaluate_bulk" (ByVal Catalogue As LongPtr, ByRef Values As Double, _
    ByVal Previous As LongPtr, ByVal Entries As LongPtr, ByVal Targets As LongPtr, _
    ByVal Cohorts As LongPtr, ByVal Count As Long, ByRef Statuses As Byte, _
    ByVal Reasons As LongPtr, ByVal Directions As LongPtr, ByVal Threads As Long) As Long
Public Declare PtrSafe Function indeval_evaluate_bulk_kernel Lib "indeval.dll" _
    Alias "indeval_evaluate_bulk_kernel" (ByVal Catalogue As LongPtr, ByRef Values As Double, _
    ByVal Previous As LongPtr, ByVal Entries As LongPtr, ByVal Targets As LongPtr, _
    ByVal Cohorts As LongPtr, ByVal Count As Long, ByRef Statuses As Byte, _
    ByVal Reasons As LongPtr, ByVal Directions As LongPtr, ByVal Threads As Long, _
    ByVal Kernel As Long) As Long

' ---- engine: contexts and bulk requests
' Arrays are passed as VarPtr(a(LBound(a))) with their INDEVAL_TYPE_*; they must stay alive until
' indeval_request_run returns.
Public Declare PtrSafe Function indeval_context_create Lib "indeval.dll" _
    Alias "indeval_context_create" (ByRef NewContext As LongPtr) As Long
Public Declare PtrSafe Function indeval_context_free Lib "indeval.dll" _
    Alias "indeval_context_free" (ByVal Context As LongPtr) As Long
Public Declare PtrSafe Function indeval_request_create Lib "indeval.dll" _
    Alias "indeval_request_create" (ByVal Job As Long, ByRef NewRequest As LongPtr) As Long
Public Declare PtrSafe Function indeval_request_free Lib "indeval.dll" _
    Alias "indeval_request_free" (ByVal Request As LongPtr) As Long
Public Declare PtrSafe Function indeval_request_set_catalogue Lib "indeval.dll" _
    Alias "indeval_request_set_catalogue" (ByVal Request As LongPtr, ByVal Catalogue As LongPtr) As Long
Public Declare PtrSafe Function indeval_request_set_array Lib "indeval.dll" _
    Alias "indeval_request_set_array" (ByVal Request As LongPtr, ByVal ArrayId As Long, _
    ByVal ElementType As Long, ByVal Data As LongPtr, ByVal Count As Long) As Long
Public Declare PtrSafe Function indeval_request_set_output Lib "indeval.dll" _
    Alias "indeval_request_set_output" (ByVal Request As LongPtr, ByVal OutputId As Long, _
    ByVal ElementType As Long, ByVal Data As LongPtr, ByVal Count As Long) As Long
Public Declare PtrSafe Function indeval_request_set_int Lib "indeval.dll" _
    Alias "indeval_request_set_int" (ByVal Request As LongPtr, ByVal OptionId As Long, _
    ByVal Value As Long) As Long
Public Declare PtrSafe Function indeval_request_set_double Lib "indeval.dll" _
    Alias "indeval_request_set_double" (ByVal Request As LongPtr, ByVal OptionId As Long, _
    ByVal Value As Double) As Long
Public Declare PtrSafe Function indeval_request_set_segments Lib "indeval.dll" _
    Alias "indeval_request_set_segments" (ByVal Request As LongPtr, ByRef First As Long, _
    ByRef Count As Long, ByRef Entry As Long, ByVal Segments As Long) As Long
Public Declare PtrSafe Function indeval_request_run Lib "indeval.dll" _
    Alias "indeval_request_run" (ByVal Request As LongPtr, ByVal Context As LongPtr) As Long

' ---- statistical process control (see INDEVAL_JOB_SPC)
' Name, Text: UTF-8 strings as LongPtr (StrPtr of a UTF-8 byte array); Kind: INDEVAL_SPC_NAME_*.
Public Declare PtrSafe Function indeval_spc_name Lib "indeval.dll" _
    Alias "indeval_spc_name" (ByVal Kind As Long, ByVal Code As Long, ByVal Buf As LongPtr, _
    ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_spc_code Lib "indeval.dll" _
    Alias "indeval_spc_code" (ByVal Kind As Long, ByVal Name As LongPtr, ByRef Code As Long) As Long
Public Declare PtrSafe Function indeval_spc_date Lib "indeval.dll" _
    Alias "indeval_spc_date" (ByVal Text As LongPtr, ByVal YearKind As Long, ByRef Day As Long) As Long

' ---- lint
' Finding: 0 .. count - 1. Field: INDEVAL_FINDING_*.
Public Declare PtrSafe Function indeval_lint Lib "indeval.dll" _
    Alias "indeval_lint" (ByVal Indicator As LongPtr, ByVal Series As LongPtr, _
    ByVal Cohort As Double, ByRef NewFindings As LongPtr) As Long
Public Declare PtrSafe Function indeval_findings_free Lib "indeval.dll" _
    Alias "indeval_findings_free" (ByVal Findings As LongPtr) As Long
Public Declare PtrSafe Function indeval_findings_count Lib "indeval.dll" _
    Alias "indeval_findings_count" (ByVal Findings As LongPtr, ByRef Count As Long) As Long
Public Declare PtrSafe Function indeval_findings_severity Lib "indeval.dll" _
    Alias "indeval_findings_severity" (ByVal Findings As LongPtr, ByVal Finding As Long, _
    ByRef Severity As Long) As Long
Private Declare PtrSafe Function indeval_findings_text Lib "indeval.dll" _
    Alias "indeval_findings_text" (ByVal Findings As LongPtr, ByVal Finding As Long, _
    ByVal Field As Long, ByVal Buf As LongPtr, ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_findings_text_w Lib "indeval.dll" _
    Alias "indeval_findings_text_w" (ByVal Findings As LongPtr, ByVal Finding As Long, _
    ByVal Field As Long, ByVal Buf As LongPtr, ByVal Cap As Long, ByRef Needed As Long) As Long

' ---- float32 input (ABI 1.1): Single figures as the doubles of their shortest decimals
Public Declare PtrSafe Function indeval_widen_float32 Lib "indeval.dll" _
    Alias "indeval_widen_float32" (ByRef Singles As Single, ByRef Figures As Double, _
    ByVal Count As Long) As Long

' ---- reading and printing: cells, periods, names, figures (ABI 1.1)
Private Declare PtrSafe Function indeval_cell_read Lib "indeval.dll" _
    Alias "indeval_cell_read" (ByVal Text As LongPtr, ByVal Options As Long, _
    ByRef Figure As Double, ByRef Unit As Long, ByRef Reason As Long, ByRef Qualifier As Long, _
    ByVal Note As LongPtr, ByVal Cap As Long, ByRef Needed As Long, _
    ByRef ErrorPosition As Long) As Long
Public Declare PtrSafe Function indeval_cell_read_w Lib "indeval.dll" _
    Alias "indeval_cell_read_w" (ByVal Text As LongPtr, ByVal Options As Long, _
    ByRef Figure As Double, ByRef Unit As Long, ByRef Reason As Long, ByRef Qualifier As Long, _
    ByVal Note As LongPtr, ByVal Cap As Long, ByRef Needed As Long, _
    ByRef ErrorPosition As Long) As Long
Private Declare PtrSafe Function indeval_series_add_cell Lib "indeval.dll" _
    Alias "indeval_series_add_cell" (ByVal Series As LongPtr, ByVal Period As LongPtr, _
    ByVal Text As LongPtr, ByVal Published As LongPtr, ByVal Options As Long) As Long
Public Declare PtrSafe Function indeval_series_add_cell_w Lib "indeval.dll" _
    Alias "indeval_series_add_cell_w" (ByVal Series As LongPtr, ByVal Period As LongPtr, _
    ByVal Text As LongPtr, ByVal Published As LongPtr, ByVal Options As Long) As Long
Private Declare PtrSafe Function indeval_period_parse Lib "indeval.dll" _
    Alias "indeval_period_parse" (ByVal Label As LongPtr, ByVal YearKind As Long, _
    ByRef Kind As Long, ByRef FirstMonth As Long, ByRef Months As Long, _
    ByRef ErrorPosition As Long) As Long
Public Declare PtrSafe Function indeval_period_parse_w Lib "indeval.dll" _
    Alias "indeval_period_parse_w" (ByVal Label As LongPtr, ByVal YearKind As Long, _
    ByRef Kind As Long, ByRef FirstMonth As Long, ByRef Months As Long, _
    ByRef ErrorPosition As Long) As Long
Private Declare PtrSafe Function indeval_period_compare Lib "indeval.dll" _
    Alias "indeval_period_compare" (ByVal A As LongPtr, ByVal B As LongPtr, _
    ByVal YearKind As Long, ByRef Order As Long) As Long
Public Declare PtrSafe Function indeval_period_compare_w Lib "indeval.dll" _
    Alias "indeval_period_compare_w" (ByVal A As LongPtr, ByVal B As LongPtr, _
    ByVal YearKind As Long, ByRef Order As Long) As Long
Private Declare PtrSafe Function indeval_period_label Lib "indeval.dll" _
    Alias "indeval_period_label" (ByVal Label As LongPtr, ByVal YearKind As Long, _
    ByVal Buf As LongPtr, ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_period_label_w Lib "indeval.dll" _
    Alias "indeval_period_label_w" (ByVal Label As LongPtr, ByVal YearKind As Long, _
    ByVal Buf As LongPtr, ByVal Cap As Long, ByRef Needed As Long) As Long
Private Declare PtrSafe Function indeval_period_next Lib "indeval.dll" _
    Alias "indeval_period_next" (ByVal Label As LongPtr, ByVal YearKind As Long, _
    ByVal Buf As LongPtr, ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_period_next_w Lib "indeval.dll" _
    Alias "indeval_period_next_w" (ByVal Label As LongPtr, ByVal YearKind As Long, _
    ByVal Buf As LongPtr, ByVal Cap As Long, ByRef Needed As Long) As Long
Private Declare PtrSafe Function indeval_period_previous Lib "indeval.dll" _
    Alias "indeval_period_previous" (ByVal Label As LongPtr, ByVal YearKind As Long, _
    ByVal Buf As LongPtr, ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_period_previous_w Lib "indeval.dll" _
    Alias "indeval_period_previous_w" (ByVal Label As LongPtr, ByVal YearKind As Long, _
    ByVal Buf As LongPtr, ByVal Cap As Long, ByRef Needed As Long) As Long
Private Declare PtrSafe Function indeval_name Lib "indeval.dll" _
    Alias "indeval_name" (ByVal Kind As Long, ByVal Code As Long, ByVal Buf As LongPtr, _
    ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_name_w Lib "indeval.dll" _
    Alias "indeval_name_w" (ByVal Kind As Long, ByVal Code As Long, ByVal Buf As LongPtr, _
    ByVal Cap As Long, ByRef Needed As Long) As Long
Private Declare PtrSafe Function indeval_code Lib "indeval.dll" _
    Alias "indeval_code" (ByVal Kind As Long, ByVal Name As LongPtr, ByRef Code As Long) As Long
Public Declare PtrSafe Function indeval_code_w Lib "indeval.dll" _
    Alias "indeval_code_w" (ByVal Kind As Long, ByVal Name As LongPtr, ByRef Code As Long) As Long
Private Declare PtrSafe Function indeval_value_format Lib "indeval.dll" _
    Alias "indeval_value_format" (ByVal Value As Double, ByVal Unit As Long, _
    ByVal Decimals As Long, ByVal Scale As Long, ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_value_format_w Lib "indeval.dll" _
    Alias "indeval_value_format_w" (ByVal Value As Double, ByVal Unit As Long, _
    ByVal Decimals As Long, ByVal Scale As Long, ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long

' ---- loading indeval.dll from the workbook's folder (see IndevalLoad)
Private Declare PtrSafe Function LoadLibraryExW Lib "kernel32" _
    (ByVal FileName As LongPtr, ByVal Reserved As LongPtr, ByVal Flags As Long) As LongPtr

#Else

' VBA 6: the same declarations, without PtrSafe, with Long for LongPtr.

' ---- library
Public Declare Function indeval_version Lib "indeval.dll" _
    Alias "indeval_version" (ByRef Major As Long, ByRef Minor As Long, _
    ByRef Patch As Long) As Long
Public Declare Function indeval_version_string Lib "indeval.dll" _
    Alias "indeval_version_string" (ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_abi_version Lib "indeval.dll" _
    Alias "indeval_abi_version" (ByRef Major As Long, ByRef Minor As Long) As Long
Private Declare Function indeval_last_error Lib "indeval.dll" _
    Alias "indeval_last_error" (ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_last_error_w Lib "indeval.dll" _
    Alias "indeval_last_error_w" (ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_no_figure Lib "indeval.dll" _
    Alias "indeval_no_figure" (ByRef Figure As Double) As Long

' ---- rule sets
Private Declare Function indeval_rules_parse Lib "indeval.dll" _
    Alias "indeval_rules_parse" (ByVal RuleText As Long, ByRef NewRules As Long, _
    ByRef ErrorPosition As Long) As Long
Public Declare Function indeval_rules_parse_w Lib "indeval.dll" _
    Alias "indeval_rules_parse_w" (ByVal RuleText As Long, ByRef NewRules As Long, _
    ByRef ErrorPosition As Long) As Long
Public Declare Function indeval_rules_free Lib "indeval.dll" _
    Alias "indeval_rules_free" (ByVal Rules As Long) As Long
Public Declare Function indeval_rules_clone Lib "indeval.dll" _
    Alias "indeval_rules_clone" (ByVal Rules As Long, ByRef NewRules As Long) As Long
Private Declare Function indeval_rules_print Lib "indeval.dll" _
    Alias "indeval_rules_print" (ByVal Rules As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_rules_print_w Lib "indeval.dll" _
    Alias "indeval_rules_print_w" (ByVal Rules As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_rules_info Lib "indeval.dll" _
    Alias "indeval_rules_info" (ByVal Rules As Long, ByRef Bands As Long, _
    ByRef Orientation As Long, ByRef NeedsTarget As Long, ByRef NeedsCohort As Long) As Long
Public Declare Function indeval_rules_evaluate Lib "indeval.dll" _
    Alias "indeval_rules_evaluate" (ByVal Rules As Long, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByRef Status As Long, ByRef Reason As Long) As Long
Public Declare Function indeval_rules_evaluate_detail Lib "indeval.dll" _
    Alias "indeval_rules_evaluate_detail" (ByVal Rules As Long, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Polarity As Long, ByRef Status As Long, _
    ByRef Reason As Long, ByRef Band As Long, ByRef RatedValue As Double, _
    ByRef RatedTarget As Double, ByRef Distance As Double) As Long
Private Declare Function indeval_rules_explain Lib "indeval.dll" _
    Alias "indeval_rules_explain" (ByVal Rules As Long, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Unit As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_rules_explain_w Lib "indeval.dll" _
    Alias "indeval_rules_explain_w" (ByVal Rules As Long, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Unit As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
' Comparators (ABI 1.2): Comparators is the first element of a Double array indexed by
' INDEVAL_COMPARATOR_*, Count elements long (0..INDEVAL_COMPARATORS).
Private Declare Function indeval_rules_parse_for Lib "indeval.dll" _
    Alias "indeval_rules_parse_for" (ByVal RuleText As Long, ByVal Polarity As Long, _
    ByRef NewRules As Long, ByRef ErrorPosition As Long) As Long
Public Declare Function indeval_rules_parse_for_w Lib "indeval.dll" _
    Alias "indeval_rules_parse_for_w" (ByVal RuleText As Long, ByVal Polarity As Long, _
    ByRef NewRules As Long, ByRef ErrorPosition As Long) As Long
Public Declare Function indeval_rules_comparators Lib "indeval.dll" _
    Alias "indeval_rules_comparators" (ByVal Rules As Long, ByRef Mask As Long) As Long
Public Declare Function indeval_rules_evaluate_against Lib "indeval.dll" _
    Alias "indeval_rules_evaluate_against" (ByVal Rules As Long, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Polarity As Long, ByRef Comparators As Double, _
    ByVal Count As Long, ByRef Status As Long, ByRef Reason As Long) As Long
Private Declare Function indeval_rules_explain_against Lib "indeval.dll" _
    Alias "indeval_rules_explain_against" (ByVal Rules As Long, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Unit As Long, ByRef Comparators As Double, _
    ByVal Count As Long, ByVal Buf As Long, ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare Function indeval_rules_explain_against_w Lib "indeval.dll" _
    Alias "indeval_rules_explain_against_w" (ByVal Rules As Long, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Unit As Long, ByRef Comparators As Double, _
    ByVal Count As Long, ByVal Buf As Long, ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare Function indeval_direction Lib "indeval.dll" _
    Alias "indeval_direction" (ByVal Previous As Double, ByVal Current As Double, _
    ByVal Polarity As Long, ByVal Rules As Long, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByRef Direction As Long) As Long

' ---- indicators
Public Declare Function indeval_indicator_create Lib "indeval.dll" _
    Alias "indeval_indicator_create" (ByRef NewIndicator As Long) As Long
Public Declare Function indeval_indicator_free Lib "indeval.dll" _
    Alias "indeval_indicator_free" (ByVal Indicator As Long) As Long
Public Declare Function indeval_indicator_set Lib "indeval.dll" _
    Alias "indeval_indicator_set" (ByVal Indicator As Long, ByVal Polarity As Long, _
    ByVal Unit As Long, ByVal Decimals As Long, ByVal Target As Double) As Long
Public Declare Function indeval_indicator_set_rules Lib "indeval.dll" _
    Alias "indeval_indicator_set_rules" (ByVal Indicator As Long, ByVal Rules As Long) As Long
Private Declare Function indeval_indicator_set_text Lib "indeval.dll" _
    Alias "indeval_indicator_set_text" (ByVal Indicator As Long, ByVal Field As Long, _
    ByVal FieldText As Long) As Long
Public Declare Function indeval_indicator_set_text_w Lib "indeval.dll" _
    Alias "indeval_indicator_set_text_w" (ByVal Indicator As Long, ByVal Field As Long, _
    ByVal FieldText As Long) As Long
Public Declare Function indeval_indicator_evaluate Lib "indeval.dll" _
    Alias "indeval_indicator_evaluate" (ByVal Indicator As Long, ByVal Value As Double, _
    ByVal Cohort As Double, ByVal ValueScale As Long, ByRef Status As Long, _
    ByRef Reason As Long) As Long
Private Declare Function indeval_indicator_explain Lib "indeval.dll" _
    Alias "indeval_indicator_explain" (ByVal Indicator As Long, ByVal Value As Double, _
    ByVal Cohort As Double, ByVal ValueScale As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_indicator_explain_w Lib "indeval.dll" _
    Alias "indeval_indicator_explain_w" (ByVal Indicator As Long, ByVal Value As Double, _
    ByVal Cohort As Double, ByVal ValueScale As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_indicator_direction Lib "indeval.dll" _
    Alias "indeval_indicator_direction" (ByVal Indicator As Long, ByVal Previous As Double, _
    ByVal Current As Double, ByVal ValueScale As Long, ByRef Direction As Long) As Long

' ---- series
Public Declare Function indeval_series_create Lib "indeval.dll" _
    Alias "indeval_series_create" (ByRef NewSeries As Long) As Long
Public Declare Function indeval_series_free Lib "indeval.dll" _
    Alias "indeval_series_free" (ByVal Series As Long) As Long
Private Declare Function indeval_series_add Lib "indeval.dll" _
    Alias "indeval_series_add" (ByVal Series As Long, ByVal Period As Long, _
    ByVal Value As Double, ByVal Note As Long, ByVal Published As Long) As Long
Public Declare Function indeval_series_add_w Lib "indeval.dll" _
    Alias "indeval_series_add_w" (ByVal Series As Long, ByVal Period As Long, _
    ByVal Value As Double, ByVal Note As Long, ByVal Published As Long) As Long
Private Declare Function indeval_series_add_many Lib "indeval.dll" _
    Alias "indeval_series_add_many" (ByVal Series As Long, ByVal Count As Long, _
    ByRef Periods As Long, ByRef Values As Double, ByVal Notes As Long, _
    ByVal PublishedTexts As Long) As Long
Public Declare Function indeval_series_add_many_w Lib "indeval.dll" _
    Alias "indeval_series_add_many_w" (ByVal Series As Long, ByVal Count As Long, _
    ByRef Periods As Long, ByRef Values As Double, ByVal Notes As Long, _
    ByVal PublishedTexts As Long) As Long
Public Declare Function indeval_series_size Lib "indeval.dll" _
    Alias "indeval_series_size" (ByVal Series As Long, ByRef Count As Long) As Long
Public Declare Function indeval_series_direction Lib "indeval.dll" _
    Alias "indeval_series_direction" (ByVal Indicator As Long, ByVal Series As Long, _
    ByVal PreviousPosition As Long, ByVal CurrentPosition As Long, ByVal ValueScale As Long, _
    ByRef Direction As Long) As Long

' ---- catalogue and bulk evaluation
Public Declare Function indeval_catalogue_create Lib "indeval.dll" _
    Alias "indeval_catalogue_create" (ByRef NewCatalogue As Long) As Long
Public Declare Function indeval_catalogue_free Lib "indeval.dll" _
    Alias "indeval_catalogue_free" (ByVal Catalogue As Long) As Long
Public Declare Function indeval_catalogue_add Lib "indeval.dll" _
    Alias "indeval_catalogue_add" (ByVal Catalogue As Long, ByVal Rules As Long, _
    ByVal Decimals As Long, ByVal ValueScale As Long, ByVal Polarity As Long, _
    ByVal Target As Double, ByRef Entry As Long) As Long
Public Declare Function indeval_catalogue_add_indicator Lib "indeval.dll" _
    Alias "indeval_catalogue_add_indicator" (ByVal Catalogue As Long, ByVal Indicator As Long, _
    ByVal ValueScale As Long, ByRef Entry As Long) As Long
Public Declare Function indeval_catalogue_size Lib "indeval.dll" _
    Alias "indeval_catalogue_size" (ByVal Catalogue As Long, ByRef Size As Long) As Long
Public Declare Function indeval_evaluate_bulk Lib "indeval.dll" _
    Alias "indeval_evaluate_bulk" (ByVal Catalogue As Long, ByRef Values As Double, _
    ByVal Previous As Long, ByVal Entries As Long, ByVal Targets As Long, ByVal Cohorts As Long, _
    ByVal Count As Long, ByRef Statuses As Byte, ByVal Reasons As Long, _
    ByVal Directions As Long, ByVal Threads As Long) As Long
Public Declare Function indeval_evaluate_bulk_kernel Lib "indeval.dll" _
    Alias "indeval_evaluate_bulk_kernel" (ByVal Catalogue As Long, ByRef Values As Double, _
    ByVal Previous As Long, ByVal Entries As Long, ByVal Targets As Long, ByVal Cohorts As Long, _
    ByVal Count As Long, ByRef Statuses As Byte, ByVal Reasons As Long, _
    ByVal Directions As Long, ByVal Threads As Long, ByVal Kernel As Long) As Long

' ---- engine: contexts and bulk requests
' Arrays are passed as VarPtr(a(LBound(a))) with their INDEVAL_TYPE_*; they must stay alive until
' indeval_request_run returns.
Public Declare Function indeval_context_create Lib "indeval.dll" _
    Alias "indeval_context_create" (ByRef NewContext As Long) As Long
Public Declare Function indeval_context_free Lib "indeval.dll" _
    Alias "indeval_context_free" (ByVal Context As Long) As Long
Public Declare Function indeval_request_create Lib "indeval.dll" _
    Alias "indeval_request_create" (ByVal Job As Long, ByRef NewRequest As Long) As Long
Public Declare Function indeval_request_free Lib "indeval.dll" _
    Alias "indeval_request_free" (ByVal Request As Long) As Long
Public Declare Function indeval_request_set_catalogue Lib "indeval.dll" _
    Alias "indeval_request_set_catalogue" (ByVal Request As Long, ByVal Catalogue As Long) As Long
Public Declare Function indeval_request_set_array Lib "indeval.dll" _
    Alias "indeval_request_set_array" (ByVal Request As Long, ByVal ArrayId As Long, _
    ByVal ElementType As Long, ByVal Data As Long, ByVal Count As Long) As Long
Public Declare Function indeval_request_set_output Lib "indeval.dll" _
    Alias "indeval_request_set_output" (ByVal Request As Long, ByVal OutputId As Long, _
    ByVal ElementType As Long, ByVal Data As Long, ByVal Count As Long) As Long
Public Declare Function indeval_request_set_int Lib "indeval.dll" _
    Alias "indeval_request_set_int" (ByVal Request As Long, ByVal OptionId As Long, _
    ByVal Value As Long) As Long
Public Declare Function indeval_request_set_double Lib "indeval.dll" _
    Alias "indeval_request_set_double" (ByVal Request As Long, ByVal OptionId As Long, _
    ByVal Value As Double) As Long
Public Declare Function indeval_request_set_segments Lib "indeval.dll" _
    Alias "indeval_request_set_segments" (ByVal Request As Long, ByRef First As Long, _
    ByRef Count As Long, ByRef Entry As Long, ByVal Segments As Long) As Long
Public Declare Function indeval_request_run Lib "indeval.dll" _
    Alias "indeval_request_run" (ByVal Request As Long, ByVal Context As Long) As Long

' ---- statistical process control (see INDEVAL_JOB_SPC)
' Name, Text: UTF-8 strings as Long (StrPtr of a UTF-8 byte array); Kind: INDEVAL_SPC_NAME_*.
Public Declare Function indeval_spc_name Lib "indeval.dll" _
    Alias "indeval_spc_name" (ByVal Kind As Long, ByVal Code As Long, ByVal Buf As Long, _
    ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare Function indeval_spc_code Lib "indeval.dll" _
    Alias "indeval_spc_code" (ByVal Kind As Long, ByVal Name As Long, ByRef Code As Long) As Long
Public Declare Function indeval_spc_date Lib "indeval.dll" _
    Alias "indeval_spc_date" (ByVal Text As Long, ByVal YearKind As Long, ByRef Day As Long) As Long

' ---- lint
Public Declare Function indeval_lint Lib "indeval.dll" _
    Alias "indeval_lint" (ByVal Indicator As Long, ByVal Series As Long, ByVal Cohort As Double, _
    ByRef NewFindings As Long) As Long
Public Declare Function indeval_findings_free Lib "indeval.dll" _
    Alias "indeval_findings_free" (ByVal Findings As Long) As Long
Public Declare Function indeval_findings_count Lib "indeval.dll" _
    Alias "indeval_findings_count" (ByVal Findings As Long, ByRef Count As Long) As Long
Public Declare Function indeval_findings_severity Lib "indeval.dll" _
    Alias "indeval_findings_severity" (ByVal Findings As Long, ByVal Finding As Long, _
    ByRef Severity As Long) As Long
Private Declare Function indeval_findings_text Lib "indeval.dll" _
    Alias "indeval_findings_text" (ByVal Findings As Long, ByVal Finding As Long, _
    ByVal Field As Long, ByVal Buf As Long, ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare Function indeval_findings_text_w Lib "indeval.dll" _
    Alias "indeval_findings_text_w" (ByVal Findings As Long, ByVal Finding As Long, _
    ByVal Field As Long, ByVal Buf As Long, ByVal Cap As Long, ByRef Needed As Long) As Long

' ---- float32 input (ABI 1.1): Single figures as the doubles of their shortest decimals
Public Declare Function indeval_widen_float32 Lib "indeval.dll" _
    Alias "indeval_widen_float32" (ByRef Singles As Single, ByRef Figures As Double, _
    ByVal Count As Long) As Long

' ---- reading and printing: cells, periods, names, figures (ABI 1.1)
Private Declare Function indeval_cell_read Lib "indeval.dll" _
    Alias "indeval_cell_read" (ByVal Text As Long, ByVal Options As Long, ByRef Figure As Double, _
    ByRef Unit As Long, ByRef Reason As Long, ByRef Qualifier As Long, ByVal Note As Long, _
    ByVal Cap As Long, ByRef Needed As Long, ByRef ErrorPosition As Long) As Long
Public Declare Function indeval_cell_read_w Lib "indeval.dll" _
    Alias "indeval_cell_read_w" (ByVal Text As Long, ByVal Options As Long, _
    ByRef Figure As Double, ByRef Unit As Long, ByRef Reason As Long, ByRef Qualifier As Long, _
    ByVal Note As Long, ByVal Cap As Long, ByRef Needed As Long, _
    ByRef ErrorPosition As Long) As Long
Private Declare Function indeval_series_add_cell Lib "indeval.dll" _
    Alias "indeval_series_add_cell" (ByVal Series As Long, ByVal Period As Long, _
    ByVal Text As Long, ByVal Published As Long, ByVal Options As Long) As Long
Public Declare Function indeval_series_add_cell_w Lib "indeval.dll" _
    Alias "indeval_series_add_cell_w" (ByVal Series As Long, ByVal Period As Long, _
    ByVal Text As Long, ByVal Published As Long, ByVal Options As Long) As Long
Private Declare Function indeval_period_parse Lib "indeval.dll" _
    Alias "indeval_period_parse" (ByVal Label As Long, ByVal YearKind As Long, _
    ByRef Kind As Long, ByRef FirstMonth As Long, ByRef Months As Long, _
    ByRef ErrorPosition As Long) As Long
Public Declare Function indeval_period_parse_w Lib "indeval.dll" _
    Alias "indeval_period_parse_w" (ByVal Label As Long, ByVal YearKind As Long, _
    ByRef Kind As Long, ByRef FirstMonth As Long, ByRef Months As Long, _
    ByRef ErrorPosition As Long) As Long
Private Declare Function indeval_period_compare Lib "indeval.dll" _
    Alias "indeval_period_compare" (ByVal A As Long, ByVal B As Long, ByVal YearKind As Long, _
    ByRef Order As Long) As Long
Public Declare Function indeval_period_compare_w Lib "indeval.dll" _
    Alias "indeval_period_compare_w" (ByVal A As Long, ByVal B As Long, ByVal YearKind As Long, _
    ByRef Order As Long) As Long
Private Declare Function indeval_period_label Lib "indeval.dll" _
    Alias "indeval_period_label" (ByVal Label As Long, ByVal YearKind As Long, ByVal Buf As Long, _
    ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare Function indeval_period_label_w Lib "indeval.dll" _
    Alias "indeval_period_label_w" (ByVal Label As Long, ByVal YearKind As Long, _
    ByVal Buf As Long, ByVal Cap As Long, ByRef Needed As Long) As Long
Private Declare Function indeval_period_next Lib "indeval.dll" _
    Alias "indeval_period_next" (ByVal Label As Long, ByVal YearKind As Long, ByVal Buf As Long, _
    ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare Function indeval_period_next_w Lib "indeval.dll" _
    Alias "indeval_period_next_w" (ByVal Label As Long, ByVal YearKind As Long, _
    ByVal Buf As Long, ByVal Cap As Long, ByRef Needed As Long) As Long
Private Declare Function indeval_period_previous Lib "indeval.dll" _
    Alias "indeval_period_previous" (ByVal Label As Long, ByVal YearKind As Long, _
    ByVal Buf As Long, ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare Function indeval_period_previous_w Lib "indeval.dll" _
    Alias "indeval_period_previous_w" (ByVal Label As Long, ByVal YearKind As Long, _
    ByVal Buf As Long, ByVal Cap As Long, ByRef Needed As Long) As Long
Private Declare Function indeval_name Lib "indeval.dll" _
    Alias "indeval_name" (ByVal Kind As Long, ByVal Code As Long, ByVal Buf As Long, _
    ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare Function indeval_name_w Lib "indeval.dll" _
    Alias "indeval_name_w" (ByVal Kind As Long, ByVal Code As Long, ByVal Buf As Long, _
    ByVal Cap As Long, ByRef Needed As Long) As Long
Private Declare Function indeval_code Lib "indeval.dll" _
    Alias "indeval_code" (ByVal Kind As Long, ByVal Name As Long, ByRef Code As Long) As Long
Public Declare Function indeval_code_w Lib "indeval.dll" _
    Alias "indeval_code_w" (ByVal Kind As Long, ByVal Name As Long, ByRef Code As Long) As Long
Private Declare Function indeval_value_format Lib "indeval.dll" _
    Alias "indeval_value_format" (ByVal Value As Double, ByVal Unit As Long, _
    ByVal Decimals As Long, ByVal Scale As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_value_format_w Lib "indeval.dll" _
    Alias "indeval_value_format_w" (ByVal Value As Double, ByVal Unit As Long, _
    ByVal Decimals As Long, ByVal Scale As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long

' ---- loading indeval.dll from the workbook's folder (see IndevalLoad)
Private Declare Function LoadLibraryExW Lib "kernel32" _
    (ByVal FileName As Long, ByVal Reserved As Long, ByVal Flags As Long) As Long

#End If

' ==== worksheet functions =========================================================================
'
' Each takes single cells or ranges: give a range (or an array) for any argument and the result is
' an array of the same shape (it spills in Excel 365; enter it as an array formula in older
' versions); every other argument is then one value for all cells or a range of the same shape.
' A cell the library refuses (unreadable rule text, decimals out of range ...) is #VALUE!, and
' =IndevalLastError() gives the message of the latest one.
' Arguments as a worksheet gives them:
'   RuleText  the RAG methodology as written ("95% or above Green 85%-94% Amber 84% and below
'             Red"). Blank: no rules, so the value is not rated ("None").
'   Value     a number. A blank, text ("n/a") or error cell is a missing figure: "None".
'   Target    optional: the target, for rules written against one ("target or above Green ...").
'   Decimals  optional: places to round the value to before rating it (0..15); default: none.
'   Fraction  optional: TRUE when percentages are fractions (0.639 for 63.9%, as in cells
'             formatted as a percentage). Rule text is always in points ("95%").
' Every handle a function creates is freed before it returns.

Private Const FIRST_BUFFER As Long = 256           ' characters tried before asking for more
Private Const LOAD_WITH_ALTERED_SEARCH_PATH As Long = &H8
Private Const ERROR_SOURCE As String = "indeval"
Private Const ERROR_NUMBER As Long = vbObjectError + 513
Private Const XL_ERR_VALUE As Long = 2015          ' xlErrValue: #VALUE!
Private Const VB_LONG_LONG As Long = 20            ' vbLongLong, which only 64-bit VBA names
#If Win64 Then
Private Const BITNESS_FOLDER As String = "x64"     ' the release's folder for this Office
#Else
Private Const BITNESS_FOLDER As String = "x86"
#End If

' what EachCell computes
Private Const DO_RATE As Long = 1
Private Const DO_EXPLAIN As Long = 2
Private Const DO_DIRECTION As Long = 3
Private Const DO_CANONICAL As Long = 4
Private Const DO_LINT As Long = 5

Private dllLoaded As Boolean        ' IndevalLoad found indeval.dll
Private abiChecked As Boolean       ' the loaded indeval.dll implements this module's ABI
Private lastFailure As String       ' the message behind the latest #VALUE!
Private emptyText As String         ' a real empty string for the library (StrPtr("") may be 0)
Private cachedText As String        ' the rule text parsed last in this calculation ...
Private cacheValid As Boolean
#If VBA7 Then
Private cachedRules As LongPtr      ' ... and its handle
#Else
Private cachedRules As Long
#End If

' The status of Value under RuleText: "Red", "Amber", "Green", "Blue" or "None" (not rated: no
' figure, no rules, or a target or cohort the rules need is missing).
'   =IndevalRate("95% or above Green 85%-94% Amber 84% and below Red", 63.9)  -> "Red"
'   =IndevalRate($B$2, C5:C40, D5:D40, 1)  -> a column of statuses
Public Function IndevalRate(ByVal RuleText As Variant, ByVal Value As Variant, _
        Optional ByVal Target As Variant, Optional ByVal Decimals As Variant, _
        Optional ByVal Fraction As Variant) As Variant
    IndevalRate = EachCell(DO_RATE, RuleText, Value, Target, Decimals, Fraction, Empty)
End Function

' One line for a person on how Value rates under RuleText.
'   =IndevalExplain("95% or above Green 85%-94% Amber 84% and below Red", 63.9, , , , "%")
'       -> "Red: 63.9% is below the Amber threshold of 85%"
'   Unit  optional: how to print the numbers: "count", "percent" (or "%"), "days", "average" or
'         "rate", or an INDEVAL_UNIT_* code. Default: percent when Fraction is TRUE, else count.
Public Function IndevalExplain(ByVal RuleText As Variant, ByVal Value As Variant, _
        Optional ByVal Target As Variant, Optional ByVal Decimals As Variant, _
        Optional ByVal Fraction As Variant, Optional ByVal Unit As Variant) As Variant
    IndevalExplain = EachCell(DO_EXPLAIN, RuleText, Value, Target, Decimals, Fraction, Unit)
End Function

' Direction of travel from Previous to Current: "Improved" or "Declined" when which way is good
' is known (from Polarity, else from the rules' bands), "Up" or "Down" when it is not, "Same",
' or "None" when either figure is missing.
'   Polarity  optional: "BIB" (bigger is better), "SIB" (smaller is better), "" (neutral), or an
'             INDEVAL_POLARITY_* code.
'   =IndevalDirection(71.2, 63.9, "BIB")  -> "Declined"
Public Function IndevalDirection(ByVal Previous As Variant, ByVal Current As Variant, _
        Optional ByVal Polarity As Variant, Optional ByVal RuleText As Variant, _
        Optional ByVal Decimals As Variant, Optional ByVal Fraction As Variant) As Variant
    IndevalDirection = EachCell(DO_DIRECTION, RuleText, Current, Previous, Decimals, Fraction, _
        Polarity)
End Function

' RuleText as the library reads it, in canonical form: a check that the methodology says what
' its author meant. "" for blank rule text.
'   =IndevalCanonical("95% or above Green 85%-94% Amber 84% and below Red")
Public Function IndevalCanonical(ByVal RuleText As Variant) As Variant
    IndevalCanonical = EachCell(DO_CANONICAL, RuleText, Empty, Empty, Empty, Empty, Empty)
End Function

' What is wrong with a rule text, as the library's lint says it: each finding as "code: message",
' separated by "; ", or "" when there is nothing to say (and for blank rule text).
'   =IndevalLint("17 or below Green 18.1-20 Amber 20.1 and above Red")
'       -> "band-gap: ..." (nothing rates values between 17 and 18.1)
Public Function IndevalLint(ByVal RuleText As Variant) As Variant
    IndevalLint = EachCell(DO_LINT, RuleText, Empty, Empty, Empty, Empty, Empty)
End Function

' As IndevalRate over a range, in one call of the library's bulk rating: for long columns. One
' RuleText for every cell; Target one figure, or a range the same size as Values.
'   =IndevalRateRange($B$1, C2:C20000)      =IndevalRateRange($B$1, C2:N2, C3:N3, 1)
Public Function IndevalRateRange(ByVal RuleText As String, ByVal Values As Variant, _
        Optional ByVal Target As Variant, Optional ByVal Decimals As Variant, _
        Optional ByVal Fraction As Variant) As Variant
#If VBA7 Then
    Dim hRules As LongPtr, hCatalogue As LongPtr, targetsPointer As LongPtr
#Else
    Dim hRules As Long, hCatalogue As Long, targetsPointer As Long
#End If
    Dim figures() As Double, targetFigures() As Double, codes() As Byte, names() As Variant
    Dim rowCount As Long, colCount As Long, targetRows As Long, targetCols As Long
    Dim n As Long, i As Long, r As Long, c As Long, entryIndex As Long, targetFigure As Double
    On Error GoTo Failed
    EnsureLoaded
    figures = FiguresOf(Values, rowCount, colCount)
    n = rowCount * colCount
    targetFigure = NoFigure()
    If IsArrayOrRange(Target) Then
        targetFigures = FiguresOf(Target, targetRows, targetCols)
        If targetRows * targetCols <> n Then
            Err.Raise ERROR_NUMBER, ERROR_SOURCE, "Target must be one figure or as many cells " & _
                "as Values (" & n & ")"
        End If
        targetsPointer = VarPtr(targetFigures(0))
    Else
        targetFigure = FigureOf(Target)
    End If
    If Not ParseRules(RuleText, hRules) Then GoTo Refused
    ReDim codes(0 To n - 1)
    If indeval_catalogue_create(hCatalogue) <> INDEVAL_OK Then GoTo LibraryRefused
    If indeval_catalogue_add(hCatalogue, hRules, DecimalsOf(Decimals), ScaleOf(Fraction), _
            INDEVAL_POLARITY_NEUTRAL, targetFigure, entryIndex) <> INDEVAL_OK Then
        GoTo LibraryRefused
    End If
    ' previous values, entry numbers, cohorts, reasons and directions: none; one thread
    If indeval_evaluate_bulk(hCatalogue, figures(0), 0, 0, targetsPointer, 0, n, codes(0), _
            0, 0, 1) <> INDEVAL_OK Then GoTo LibraryRefused
    ReDim names(1 To rowCount, 1 To colCount)
    For r = 1 To rowCount
        For c = 1 To colCount
            names(r, c) = StatusName(codes(i))
            i = i + 1
        Next c
    Next r
    IndevalRateRange = names
    GoTo Done
LibraryRefused:
    lastFailure = LastErrorText()
Refused:
    IndevalRateRange = CVErr(XL_ERR_VALUE)
Done:
    indeval_catalogue_free hCatalogue
    indeval_rules_free hRules
    Exit Function
Failed:
    lastFailure = FailureText(Err.Number, Err.Description)
    IndevalRateRange = CVErr(XL_ERR_VALUE)
    If hCatalogue <> 0 Then indeval_catalogue_free hCatalogue
    If hRules <> 0 Then indeval_rules_free hRules
End Function

' The message behind the latest #VALUE! of this module's worksheet functions ("" if none).
' Excel computes cells in its own order: name the failing cell, =IndevalLastError(B7), to have
' this one computed after it.
Public Function IndevalLastError(Optional ByVal After As Variant) As String
    IndevalLastError = lastFailure
End Function

' The version of the loaded indeval.dll, e.g. "0.1.0".
Public Function IndevalVersion() As Variant
    Dim majorVersion As Long, minorVersion As Long, patchVersion As Long
    On Error GoTo Failed
    EnsureLoaded
    If indeval_version(majorVersion, minorVersion, patchVersion) = INDEVAL_OK Then
        IndevalVersion = majorVersion & "." & minorVersion & "." & patchVersion
    Else
        lastFailure = LastErrorText()
        IndevalVersion = CVErr(XL_ERR_VALUE)
    End If
    Exit Function
Failed:
    lastFailure = FailureText(Err.Number, Err.Description)
    IndevalVersion = CVErr(XL_ERR_VALUE)
End Function

' ==== for VBA code =================================================================================

' Loads indeval.dll; True when it is loaded. With DllPath, from there; without, from the folder
' of the workbook (or add-in) holding this module: indeval.dll beside it, else the x64\ or x86\
' folder of the release, whichever matches Office's bitness. The worksheet functions call it
' until it succeeds; when it does not, Windows' own search (Excel's folder, PATH) is tried. To
' use a copy elsewhere call it before any other function of the module, e.g. in Workbook_Open:
' IndevalLoad "C:\Tools\indeval\x64\indeval.dll". Once a DLL named indeval.dll is loaded, every
' Declare uses it. DLLs that indeval.dll depends on are looked for in its own folder first.
Public Function IndevalLoad(Optional ByVal DllPath As String = "") As Boolean
    Dim folder As String
    If Len(DllPath) > 0 Then
        IndevalLoad = LoadFrom(DllPath)
    Else
        folder = ThisWorkbook.Path
        If Len(folder) = 0 Then Exit Function              ' a workbook never saved
        folder = folder & Application.PathSeparator
        IndevalLoad = LoadFrom(folder & "indeval.dll")
        If Not IndevalLoad Then
            IndevalLoad = LoadFrom(folder & BITNESS_FOLDER & Application.PathSeparator & _
                "indeval.dll")
        End If
    End If
    If IndevalLoad Then
        dllLoaded = True
        abiChecked = False                                  ' check the one just loaded
    End If
End Function

' Facts about a rule text, for VBA code: True when it reads (else IndevalLastError says why),
' with the number of bands, INDEVAL_ORIENTATION_*, and whether it needs a target or a cohort
' size to rate anything.
Public Function IndevalRulesInfo(ByVal RuleText As String, ByRef Bands As Long, _
        ByRef Orientation As Long, ByRef NeedsTarget As Boolean, _
        ByRef NeedsCohort As Boolean) As Boolean
#If VBA7 Then
    Dim hRules As LongPtr
#Else
    Dim hRules As Long
#End If
    Dim targetFlag As Long, cohortFlag As Long
    On Error GoTo Failed
    EnsureLoaded
    If Not ParseRules(RuleText, hRules) Then Exit Function
    If hRules = 0 Then
        lastFailure = "blank rule text"
        Exit Function
    End If
    If indeval_rules_info(hRules, Bands, Orientation, targetFlag, cohortFlag) = INDEVAL_OK Then
        ' the library's flags are 0/1; in VBA True is -1 (Not 1 is -2, which is also true)
        NeedsTarget = (targetFlag <> 0)
        NeedsCohort = (cohortFlag <> 0)
        IndevalRulesInfo = True
    Else
        lastFailure = LastErrorText()
    End If
    indeval_rules_free hRules
    Exit Function
Failed:
    lastFailure = FailureText(Err.Number, Err.Description)
    If hRules <> 0 Then indeval_rules_free hRules
End Function

' The library's last error message on this thread, for VBA code calling the declarations.
Public Function IndevalLibraryError() As String
    IndevalLibraryError = LastErrorText()
End Function

' A pointer for the library to a String's UTF-16 text: StrPtr, except that StrPtr of an empty
' String may be 0 (vbNullString), which the library refuses as NULL; then a real empty string.
' Pass a String variable (a literal's temporary copy may be gone when the pointer is used).
#If VBA7 Then
Public Function IndevalText(ByRef Text As String) As LongPtr
#Else
Public Function IndevalText(ByRef Text As String) As Long
#End If
    If StrPtr(Text) <> 0 Then
        IndevalText = StrPtr(Text)
    Else
        If Len(emptyText) = 0 Then emptyText = vbNullChar  ' the terminating NUL alone
        IndevalText = StrPtr(emptyText)
    End If
End Function

' ==== private helpers =============================================================================

Private Sub EnsureLoaded()
    Dim majorVersion As Long, minorVersion As Long
    If abiChecked Then Exit Sub
    ' From the workbook's folder first; failing that, the call below has Windows look for
    ' indeval.dll (Excel's folder, PATH) or raises error 48/53.
    If Not dllLoaded Then IndevalLoad
    If indeval_abi_version(majorVersion, minorVersion) <> INDEVAL_OK Then
        Err.Raise ERROR_NUMBER, ERROR_SOURCE, LastErrorText()
    End If
    If majorVersion <> INDEVAL_ABI_MAJOR Or minorVersion < INDEVAL_ABI_MINOR Then
        Err.Raise ERROR_NUMBER, ERROR_SOURCE, "the indeval.dll loaded implements ABI " & _
            majorVersion & "." & minorVersion & "; this module needs " & INDEVAL_ABI_MAJOR & _
            "." & INDEVAL_ABI_MINOR & " or a later " & INDEVAL_ABI_MAJOR & ".x"
    End If
    abiChecked = True
End Sub

Private Function LoadFrom(ByVal DllPath As String) As Boolean
    LoadFrom = (LoadLibraryExW(StrPtr(DllPath), 0, LOAD_WITH_ALTERED_SEARCH_PATH) <> 0)
End Function

' One worksheet function over cells: Operation for every cell of the arguments' common shape.
' Value and Other are the figures (value and target; current and previous), Extra the unit or
' the polarity.
Private Function EachCell(ByVal Operation As Long, ByVal RuleText As Variant, _
        ByVal Value As Variant, ByVal Other As Variant, ByVal Decimals As Variant, _
        ByVal Fraction As Variant, ByVal Extra As Variant) As Variant
    Dim args(0 To 5) As Variant, names As Variant, results() As Variant
    Dim k As Long, r As Long, c As Long, rowCount As Long, colCount As Long
    Dim argRows As Long, argCols As Long, anyArray As Boolean
    On Error GoTo Failed
    EnsureLoaded
    names = Array("RuleText", "Value", "the third argument", "Decimals", "Fraction", _
        "the last argument")
    args(0) = ValuesOf(RuleText)
    args(1) = ValuesOf(Value)
    args(2) = ValuesOf(Other)
    args(3) = ValuesOf(Decimals)
    args(4) = ValuesOf(Fraction)
    args(5) = ValuesOf(Extra)
    rowCount = 1
    colCount = 1
    For k = 0 To 5
        If ShapeOf(args(k), argRows, argCols) Then
            anyArray = True
            If argRows * argCols > 1 Then
                If rowCount * colCount > 1 And (argRows <> rowCount Or argCols <> colCount) Then
                    Err.Raise ERROR_NUMBER, ERROR_SOURCE, names(k) & " has " & argRows & "x" & _
                        argCols & " cells where another argument has " & rowCount & "x" & _
                        colCount & ": give one value or a range of the same size"
                End If
                rowCount = argRows
                colCount = argCols
            End If
        End If
    Next k
    If Not anyArray Then
        EachCell = OneCell(Operation, args(0), args(1), args(2), args(3), args(4), args(5))
    Else
        ReDim results(1 To rowCount, 1 To colCount)
        For r = 1 To rowCount
            For c = 1 To colCount
                results(r, c) = OneCell(Operation, CellOf(args(0), r, c), CellOf(args(1), r, c), _
                    CellOf(args(2), r, c), CellOf(args(3), r, c), CellOf(args(4), r, c), _
                    CellOf(args(5), r, c))
            Next c
        Next r
        EachCell = results
    End If
    ForgetRules
    Exit Function
Failed:
    lastFailure = FailureText(Err.Number, Err.Description)
    EachCell = CVErr(XL_ERR_VALUE)
    ForgetRules
End Function

' One cell: its text, or #VALUE! with the message in lastFailure.
Private Function OneCell(ByVal Operation As Long, ByVal RuleText As Variant, _
        ByVal Value As Variant, ByVal Other As Variant, ByVal Decimals As Variant, _
        ByVal Fraction As Variant, ByVal Extra As Variant) As Variant
#If VBA7 Then
    Dim hRules As LongPtr
#Else
    Dim hRules As Long
#End If
    Dim code As Long, reasonCode As Long, chars As String, textLength As Long, rc As Long
    Dim valueFigure As Double, otherFigure As Double, places As Long, scaleCode As Long
    Dim unitCode As Long
    On Error GoTo Failed
    If Operation = DO_LINT Then
        OneCell = LintText(TextOf(RuleText))
        Exit Function
    End If
    If Not CachedRules(TextOf(RuleText), hRules) Then GoTo Refused
    Select Case Operation
    Case DO_RATE
        rc = indeval_rules_evaluate(hRules, FigureOf(Value), FigureOf(Other), NoFigure(), _
            DecimalsOf(Decimals), ScaleOf(Fraction), code, reasonCode)
        If rc <> INDEVAL_OK Then GoTo LibraryRefused
        OneCell = StatusName(code)
    Case DO_DIRECTION
        rc = indeval_direction(FigureOf(Other), FigureOf(Value), PolarityOf(Extra), hRules, _
            DecimalsOf(Decimals), ScaleOf(Fraction), code)
        If rc <> INDEVAL_OK Then GoTo LibraryRefused
        OneCell = DirectionName(code)
    Case DO_EXPLAIN
        valueFigure = FigureOf(Value)
        otherFigure = FigureOf(Other)
        places = DecimalsOf(Decimals)
        scaleCode = ScaleOf(Fraction)
        unitCode = UnitOf(Extra, FlagOf(Fraction))
        chars = String$(FIRST_BUFFER, vbNullChar)
        rc = indeval_rules_explain_w(hRules, valueFigure, otherFigure, NoFigure(), places, _
            scaleCode, unitCode, StrPtr(chars), Len(chars), textLength)
        If rc = INDEVAL_E_BUFFER Then
            chars = String$(textLength + 1, vbNullChar)
            rc = indeval_rules_explain_w(hRules, valueFigure, otherFigure, NoFigure(), places, _
                scaleCode, unitCode, StrPtr(chars), Len(chars), textLength)
        End If
        If rc <> INDEVAL_OK Then GoTo LibraryRefused
        OneCell = Left$(chars, textLength)
    Case DO_CANONICAL
        OneCell = ""
        If hRules = 0 Then Exit Function
        chars = String$(FIRST_BUFFER, vbNullChar)
        rc = indeval_rules_print_w(hRules, StrPtr(chars), Len(chars), textLength)
        If rc = INDEVAL_E_BUFFER Then
            chars = String$(textLength + 1, vbNullChar)
            rc = indeval_rules_print_w(hRules, StrPtr(chars), Len(chars), textLength)
        End If
        If rc <> INDEVAL_OK Then GoTo LibraryRefused
        OneCell = Left$(chars, textLength)
    End Select
    Exit Function
LibraryRefused:
    lastFailure = LastErrorText()
Refused:
    OneCell = CVErr(XL_ERR_VALUE)
    Exit Function
Failed:
    lastFailure = FailureText(Err.Number, Err.Description)
    OneCell = CVErr(XL_ERR_VALUE)
End Function

' The lint findings of a rule text as "code: message; code: message".
Private Function LintText(ByVal RuleText As String) As Variant
#If VBA7 Then
    Dim hIndicator As LongPtr, hFindings As LongPtr
#Else
    Dim hIndicator As Long, hFindings As Long
#End If
    Dim count As Long, i As Long, joined As String
    On Error GoTo Failed
    LintText = ""
    If Len(Trim$(RuleText)) = 0 Then Exit Function
    If indeval_indicator_create(hIndicator) <> INDEVAL_OK Then GoTo LibraryRefused
    If indeval_indicator_set_text_w(hIndicator, INDEVAL_FIELD_RULE_TEXT, _
            IndevalText(RuleText)) <> INDEVAL_OK Then GoTo LibraryRefused
    If indeval_lint(hIndicator, 0, NoFigure(), hFindings) <> INDEVAL_OK Then GoTo LibraryRefused
    If indeval_findings_count(hFindings, count) <> INDEVAL_OK Then GoTo LibraryRefused
    For i = 0 To count - 1
        If i > 0 Then joined = joined & "; "
        joined = joined & FindingText(hFindings, i, INDEVAL_FINDING_CODE) & ": " & _
            FindingText(hFindings, i, INDEVAL_FINDING_MESSAGE)
    Next i
    LintText = joined
    GoTo Done
LibraryRefused:
    lastFailure = LastErrorText()
    LintText = CVErr(XL_ERR_VALUE)
Done:
    indeval_findings_free hFindings
    indeval_indicator_free hIndicator
    Exit Function
Failed:
    lastFailure = FailureText(Err.Number, Err.Description)
    LintText = CVErr(XL_ERR_VALUE)
    Resume Done
End Function

#If VBA7 Then
Private Function FindingText(ByVal Findings As LongPtr, ByVal Finding As Long, _
        ByVal Field As Long) As String
#Else
Private Function FindingText(ByVal Findings As Long, ByVal Finding As Long, _
        ByVal Field As Long) As String
#End If
    Dim chars As String, textLength As Long, rc As Long
    chars = String$(FIRST_BUFFER, vbNullChar)
    rc = indeval_findings_text_w(Findings, Finding, Field, StrPtr(chars), Len(chars), textLength)
    If rc = INDEVAL_E_BUFFER Then
        chars = String$(textLength + 1, vbNullChar)
        rc = indeval_findings_text_w(Findings, Finding, Field, StrPtr(chars), Len(chars), _
            textLength)
    End If
    If rc <> INDEVAL_OK Then Err.Raise ERROR_NUMBER, ERROR_SOURCE, LastErrorText()
    FindingText = Left$(chars, textLength)
End Function

' The rules of RuleText for this calculation: parsed once for all the cells that share it.
#If VBA7 Then
Private Function CachedRules(ByVal RuleText As String, ByRef Rules As LongPtr) As Boolean
#Else
Private Function CachedRules(ByVal RuleText As String, ByRef Rules As Long) As Boolean
#End If
    If Not cacheValid Or RuleText <> cachedText Then
        ForgetRules
        If Not ParseRules(RuleText, cachedRules) Then Exit Function
        cachedText = RuleText
        cacheValid = True
    End If
    Rules = cachedRules
    CachedRules = True
End Function

Private Sub ForgetRules()
    If cachedRules <> 0 Then indeval_rules_free cachedRules
    cachedRules = 0
    cacheValid = False
End Sub

' Parses RuleText into a new handle (0 for blank text: no rules). False, with the library's
' message in lastFailure, when the text is refused.
#If VBA7 Then
Private Function ParseRules(ByVal RuleText As String, ByRef NewRules As LongPtr) As Boolean
#Else
Private Function ParseRules(ByVal RuleText As String, ByRef NewRules As Long) As Boolean
#End If
    Dim errorAt As Long
    NewRules = 0
    If Len(Trim$(RuleText)) = 0 Then
        ParseRules = True
    ElseIf indeval_rules_parse_w(IndevalText(RuleText), NewRules, errorAt) = INDEVAL_OK Then
        ParseRules = True
    Else
        lastFailure = LastErrorText()
    End If
End Function

Private Function LastErrorText() As String
    Dim chars As String, textLength As Long, rc As Long
    chars = String$(FIRST_BUFFER, vbNullChar)
    rc = indeval_last_error_w(StrPtr(chars), Len(chars), textLength)
    If rc = INDEVAL_E_BUFFER Then
        chars = String$(textLength + 1, vbNullChar)
        rc = indeval_last_error_w(StrPtr(chars), Len(chars), textLength)
    End If
    If rc = INDEVAL_OK Then LastErrorText = Left$(chars, textLength)
End Function

' The text for a VBA run-time error met by a worksheet function.
Private Function FailureText(ByVal Number As Long, ByVal Description As String) As String
    Dim bits As String
#If Win64 Then
    bits = "64-bit"
#Else
    bits = "32-bit"
#End If
    Select Case Number
    Case 48, 53
        FailureText = "cannot load indeval.dll: put the " & bits & " build next to this " & _
            "workbook, in its " & BITNESS_FOLDER & " folder, or on PATH (" & Description & ")"
    Case 453
        FailureText = "indeval.dll is older than this module and lacks a function it needs (" & _
            Description & ")"
    Case ERROR_NUMBER
        FailureText = Description
    Case Else
        FailureText = ERROR_SOURCE & ": " & Description
    End Select
End Function

' The library's "no figure": a quiet NaN.
Private Function NoFigure() As Double
    Static nan As Double, known As Boolean
    If Not known Then
        indeval_no_figure nan
        known = True
    End If
    NoFigure = nan
End Function

' A worksheet argument as a figure: numbers as they are; a numeric string as its number; anything
' else (blank, missing, text, an error value, TRUE/FALSE, a multi-cell range) is NaN.
Private Function FigureOf(ByVal Argument As Variant) As Double
    FigureOf = NoFigure()
    Argument = ScalarOf(Argument)
    Select Case VarType(Argument)
    Case vbDouble, vbSingle, vbLong, vbInteger, vbByte, vbCurrency, vbDecimal, VB_LONG_LONG
        FigureOf = CDbl(Argument)
    Case vbString
        If IsNumeric(Argument) Then
            On Error Resume Next                ' a string IsNumeric accepts but CDbl does not
            FigureOf = CDbl(Argument)
            On Error GoTo 0
        End If
    End Select
End Function

' Rule text from a cell: blank, missing or an error value is no rule text.
Private Function TextOf(ByVal Argument As Variant) As String
    Argument = ScalarOf(Argument)
    If IsError(Argument) Or IsEmpty(Argument) Or IsNull(Argument) Then Exit Function
    TextOf = CStr(Argument)
End Function

' A TRUE/FALSE argument: missing or blank is False.
Private Function FlagOf(ByVal Argument As Variant) As Boolean
    Argument = ScalarOf(Argument)
    If IsError(Argument) Or IsEmpty(Argument) Then Exit Function
    FlagOf = CBool(Argument)
End Function

' A one-cell Range as its value; anything else unchanged.
Private Function ScalarOf(ByVal Argument As Variant) As Variant
    If IsObject(Argument) Then
        If Argument Is Nothing Then
            ScalarOf = Empty
        Else
            ScalarOf = Argument.Value2
        End If
    Else
        ScalarOf = Argument
    End If
End Function

' A Range as its values (one value, or a 2-D array); anything else unchanged.
Private Function ValuesOf(ByVal Argument As Variant) As Variant
    If IsObject(Argument) Then
        If Not Argument Is Nothing Then ValuesOf = Argument.Value2
    Else
        ValuesOf = Argument
    End If
End Function

' True for an array, with its rows and columns (one row for a 1-D array).
Private Function ShapeOf(ByRef Source As Variant, ByRef RowTotal As Long, _
        ByRef ColumnTotal As Long) As Boolean
    If Not IsArray(Source) Then Exit Function
    If HasSecondDimension(Source) Then
        RowTotal = UBound(Source, 1) - LBound(Source, 1) + 1
        ColumnTotal = UBound(Source, 2) - LBound(Source, 2) + 1
    Else
        RowTotal = 1
        ColumnTotal = UBound(Source) - LBound(Source) + 1
    End If
    ShapeOf = True
End Function

' Cell (Row, Column), 1-based, of an argument: an array's element, its only element, or the one
' value given for all cells.
Private Function CellOf(ByRef Source As Variant, ByVal RowNumber As Long, _
        ByVal ColumnNumber As Long) As Variant
    Dim sourceRows As Long, sourceCols As Long
    If Not ShapeOf(Source, sourceRows, sourceCols) Then
        CellOf = Source
        Exit Function
    End If
    If sourceRows * sourceCols = 1 Then
        RowNumber = 1
        ColumnNumber = 1
    End If
    If HasSecondDimension(Source) Then
        CellOf = Source(LBound(Source, 1) + RowNumber - 1, LBound(Source, 2) + ColumnNumber - 1)
    Else
        CellOf = Source(LBound(Source) + ColumnNumber - 1)
    End If
End Function

Private Function IsArrayOrRange(ByVal Argument As Variant) As Boolean
    If IsObject(Argument) Then
        If Not Argument Is Nothing Then IsArrayOrRange = (Argument.Count > 1)
    Else
        IsArrayOrRange = IsArray(Argument)
    End If
End Function

' The figures of a Range, an array or a single value, row by row, in a 0-based array. RowTotal
' and ColumnTotal receive the shape (one row for a single value or a one-dimensional array).
Private Function FiguresOf(ByVal Source As Variant, ByRef RowTotal As Long, _
        ByRef ColumnTotal As Long) As Double()
    Dim result() As Double, r As Long, c As Long, i As Long
    If IsObject(Source) Then Source = Source.Value2
    If Not IsArray(Source) Then
        RowTotal = 1
        ColumnTotal = 1
        ReDim result(0 To 0)
        result(0) = FigureOf(Source)
    ElseIf HasSecondDimension(Source) Then
        RowTotal = UBound(Source, 1) - LBound(Source, 1) + 1
        ColumnTotal = UBound(Source, 2) - LBound(Source, 2) + 1
        ReDim result(0 To RowTotal * ColumnTotal - 1)
        For r = LBound(Source, 1) To UBound(Source, 1)
            For c = LBound(Source, 2) To UBound(Source, 2)
                result(i) = FigureOf(Source(r, c))
                i = i + 1
            Next c
        Next r
    Else
        RowTotal = 1
        ColumnTotal = UBound(Source) - LBound(Source) + 1
        ReDim result(0 To ColumnTotal - 1)
        For c = LBound(Source) To UBound(Source)
            result(i) = FigureOf(Source(c))
            i = i + 1
        Next c
    End If
    FiguresOf = result
End Function

Private Function HasSecondDimension(ByRef Source As Variant) As Boolean
    Dim upper As Long
    On Error Resume Next
    upper = UBound(Source, 2)
    HasSecondDimension = (Err.Number = 0)
End Function

' Decimals as a worksheet gives them: missing or blank means "do not round".
Private Function DecimalsOf(ByVal Argument As Variant) As Long
    Argument = ScalarOf(Argument)
    If IsError(Argument) Or IsEmpty(Argument) Then
        DecimalsOf = INDEVAL_NO_DECIMALS
    ElseIf VarType(Argument) = vbString Then
        If Len(Trim$(Argument)) = 0 Then
            DecimalsOf = INDEVAL_NO_DECIMALS
        Else
            DecimalsOf = CLng(Argument)
        End If
    Else
        DecimalsOf = CLng(Argument)
    End If
End Function

Private Function ScaleOf(ByVal Fraction As Variant) As Long
    If FlagOf(Fraction) Then ScaleOf = INDEVAL_SCALE_FRACTION Else ScaleOf = INDEVAL_SCALE_POINTS
End Function

' A unit by name or INDEVAL_UNIT_* code; missing or blank: percent for fractions, else count.
Private Function UnitOf(ByVal Argument As Variant, ByVal Fraction As Boolean) As Long
    Argument = ScalarOf(Argument)
    If IsError(Argument) Or IsEmpty(Argument) Then Argument = ""
    If VarType(Argument) <> vbString Then
        UnitOf = CLng(Argument)
        Exit Function
    End If
    Select Case LCase$(Trim$(Argument))
    Case ""
        If Fraction Then UnitOf = INDEVAL_UNIT_PERCENT Else UnitOf = INDEVAL_UNIT_COUNT
    Case "count", "number"
        UnitOf = INDEVAL_UNIT_COUNT
    Case "percent", "percentage", "%"
        UnitOf = INDEVAL_UNIT_PERCENT
    Case "days", "day"
        UnitOf = INDEVAL_UNIT_DAYS
    Case "average"
        UnitOf = INDEVAL_UNIT_AVERAGE
    Case "rate"
        UnitOf = INDEVAL_UNIT_RATE
    Case Else
        Err.Raise vbObjectError + 513, ERROR_SOURCE, "unit must be count, percent, days, " & _
            "average or rate, not """ & Argument & """"
    End Select
End Function

' A polarity by name or INDEVAL_POLARITY_* code; missing or blank: neutral.
Private Function PolarityOf(ByVal Argument As Variant) As Long
    Argument = ScalarOf(Argument)
    If IsError(Argument) Or IsEmpty(Argument) Then Argument = ""
    If VarType(Argument) <> vbString Then
        PolarityOf = CLng(Argument)
        Exit Function
    End If
    Select Case LCase$(Trim$(Argument))
    Case "", "-", "neutral", "none", "na", "n/a"
        PolarityOf = INDEVAL_POLARITY_NEUTRAL
    Case "bib", "high", "bigger is better", "higher is better"
        PolarityOf = INDEVAL_POLARITY_BIB
    Case "sib", "low", "smaller is better", "lower is better"
        PolarityOf = INDEVAL_POLARITY_SIB
    Case Else
        Err.Raise vbObjectError + 514, ERROR_SOURCE, "polarity must be BIB, SIB or blank, " & _
            "not """ & Argument & """"
    End Select
End Function

Private Function StatusName(ByVal Code As Long) As String
    Select Case Code
    Case INDEVAL_STATUS_RED: StatusName = "Red"
    Case INDEVAL_STATUS_AMBER: StatusName = "Amber"
    Case INDEVAL_STATUS_GREEN: StatusName = "Green"
    Case INDEVAL_STATUS_BLUE: StatusName = "Blue"
    Case Else: StatusName = "None"
    End Select
End Function

Private Function DirectionName(ByVal Code As Long) As String
    Select Case Code
    Case INDEVAL_DIRECTION_IMPROVED: DirectionName = "Improved"
    Case INDEVAL_DIRECTION_DECLINED: DirectionName = "Declined"
    Case INDEVAL_DIRECTION_SAME: DirectionName = "Same"
    Case INDEVAL_DIRECTION_UP: DirectionName = "Up"
    Case INDEVAL_DIRECTION_DOWN: DirectionName = "Down"
    Case Else: DirectionName = "None"
    End Select
End Function
