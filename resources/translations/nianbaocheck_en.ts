<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AutosaveActions</name>
    <message>
        <location filename="../../gui/actions/autosaving.py" line="46"/>
        <source>无法自动保存修改（%1），请尽快导出或保存。</source>
        <translation>Your edits could not be autosaved (%1); export or save them soon.</translation>
    </message>
    <message>
        <location filename="../../gui/actions/autosaving.py" line="50"/>
        <source>自动保存失败</source>
        <translation>Autosave failed</translation>
    </message>
    <message>
        <location filename="../../gui/actions/autosaving.py" line="66"/>
        <source>：文件已不在原处，无法恢复</source>
        <translation>: the file is no longer there and cannot be restored</translation>
    </message>
    <message>
        <location filename="../../gui/actions/autosaving.py" line="68"/>
        <source>：文件在此之后被改过，请核对恢复的修改</source>
        <translation>: the file changed since; check the restored edits</translation>
    </message>
    <message>
        <location filename="../../gui/actions/autosaving.py" line="83"/>
        <source>恢复未导出的修改</source>
        <translation>Restore Unexported Edits</translation>
    </message>
    <message>
        <location filename="../../gui/actions/autosaving.py" line="84"/>
        <source>上次关闭前，以下报告的修改还没有导出：
%1

要重新打开它们并恢复这些修改吗？</source>
        <translation>When the app last closed, the edits of these reports had not been exported:
%1

Reopen them and restore the edits?</translation>
    </message>
</context>
<context>
    <name>CloseActions</name>
    <message>
        <location filename="../../gui/actions/closing.py" line="23"/>
        <source>有未导出的修改</source>
        <translation>Unexported Edits</translation>
    </message>
    <message>
        <location filename="../../gui/actions/closing.py" line="24"/>
        <source>以下报告的修改还没有导出：
%1

要导出更正后的副本吗？</source>
        <translation>The edits of these reports have not been exported:
%1

Export corrected copies?</translation>
    </message>
    <message>
        <location filename="../../gui/actions/closing.py" line="28"/>
        <source>保存(导出)…</source>
        <translation>Save (Export)…</translation>
    </message>
    <message>
        <location filename="../../gui/actions/closing.py" line="29"/>
        <source>放弃修改</source>
        <translation>Discard Edits</translation>
    </message>
    <message>
        <location filename="../../gui/actions/closing.py" line="30"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <location filename="../../gui/actions/editing.py" line="44"/>
        <source>所选的格没有建议更正</source>
        <translation>The selected cells have no proposed correction</translation>
    </message>
    <message>
        <location filename="../../gui/actions/editing.py" line="58"/>
        <source>接受了%1处确定的更正</source>
        <translation>Accepted %1 certain corrections</translation>
    </message>
    <message>
        <location filename="../../gui/actions/editing.py" line="72"/>
        <source>放弃修改</source>
        <translation>Discard Edits</translation>
    </message>
    <message>
        <location filename="../../gui/actions/editing.py" line="72"/>
        <source>放弃对“%1”的全部修改？</source>
        <translation>Discard all edits of “%1”?</translation>
    </message>
    <message>
        <location filename="../../gui/actions/editing.py" line="84"/>
        <source>接受更正：%1 → %2（%3）</source>
        <translation>Accept Correction: %1 → %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/editing.py" line="84"/>
        <location filename="../../gui/actions/editing.py" line="93"/>
        <source>空白</source>
        <translation>blank</translation>
    </message>
    <message>
        <location filename="../../gui/actions/editing.py" line="88"/>
        <source>修改数值…</source>
        <translation>Edit Value…</translation>
    </message>
    <message>
        <location filename="../../gui/actions/editing.py" line="93"/>
        <source>恢复文件中的值（%1）</source>
        <translation>Restore the File&apos;s Value (%1)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/editing.py" line="101"/>
        <source>没有需要处理的问题</source>
        <translation>No problems to deal with</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <location filename="../../gui/actions/exporting.py" line="26"/>
        <source>文件已存在</source>
        <translation>File Exists</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="26"/>
        <source>“%1”已存在，要替换它吗？</source>
        <translation>“%1” already exists. Replace it?</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="51"/>
        <source>无法导出</source>
        <translation>Cannot Export</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="66"/>
        <source>原文件所在的文件夹不能写入，已改为保存到：%1</source>
        <translation>The draft&apos;s folder cannot be written to; saving to %1 instead</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="77"/>
        <source>更正</source>
        <translation>corrected</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="78"/>
        <source>导出更正后的副本</source>
        <translation>Export Corrected Copy</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="79"/>
        <source>与原文件相同类型 (*%1)</source>
        <translation>Same type as the original (*%1)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="95"/>
        <source>导出更正后的模板</source>
        <translation>Export Corrected Template</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="95"/>
        <source>模板</source>
        <translation>template</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="96"/>
        <source>Excel 工作簿 (*.xlsx);;Word 文档 (*.docx)</source>
        <translation>Excel workbook (*.xlsx);;Word document (*.docx)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="111"/>
        <location filename="../../gui/actions/exporting.py" line="131"/>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="121"/>
        <source>导出汇总表</source>
        <translation>Export Summary Workbook</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="121"/>
        <source>年报检查汇总.xlsx</source>
        <translation>report-check-summary.xlsx</translation>
    </message>
    <message>
        <location filename="../../gui/actions/exporting.py" line="122"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../gui/findings.py" line="63"/>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="63"/>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="63"/>
        <source>说明</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="63"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="68"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="69"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="70"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="71"/>
        <source>建议更正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="87"/>
        <source>等%1格</source>
        <translation> and %1 cells</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="108"/>
        <source>%1 → %2（%3）：%4</source>
        <translation>%1 → %2 (%3): %4</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="108"/>
        <source>空白</source>
        <translation>blank</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../gui/findings.py" line="181"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="182"/>
        <source>错误、警告和建议更正（不含提示）</source>
        <translation>Errors, warnings and corrections (no notes)</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="183"/>
        <source>错误和建议更正</source>
        <translation>Errors and corrections</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="184"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="185"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="186"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="187"/>
        <source>建议更正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location filename="../../gui/findings.py" line="191"/>
        <source>显示(&amp;W)：</source>
        <translation>Sho&amp;w:</translation>
    </message>
</context>
<context>
    <name>FormLayout</name>
    <message>
        <location filename="../../gui/form_layout.py" line="65"/>
        <source>信息内容</source>
        <translation>信息内容</translation>
    </message>
    <message>
        <location filename="../../gui/form_layout.py" line="95"/>
        <source>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</source>
        <translation>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</translation>
    </message>
    <message>
        <location filename="../../gui/form_layout.py" line="96"/>
        <source>申请人情况</source>
        <translation>申请人情况</translation>
    </message>
    <message>
        <location filename="../../gui/form_layout.py" line="98"/>
        <source>法人或其他组织</source>
        <translation>法人或其他组织</translation>
    </message>
    <message>
        <location filename="../../gui/form_layout.py" line="107"/>
        <source>三、本年度办理结果</source>
        <translation>三、本年度办理结果</translation>
    </message>
    <message>
        <location filename="../../gui/form_layout.py" line="146"/>
        <source>行政诉讼</source>
        <translation>行政诉讼</translation>
    </message>
</context>
<context>
    <name>FormModel</name>
    <message>
        <location filename="../../gui/form_model.py" line="57"/>
        <source>确定</source>
        <translation>certain</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="58"/>
        <source>很可能</source>
        <translation>likely</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="59"/>
        <source>多种可能</source>
        <translation>ambiguous</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="60"/>
        <source>推算</source>
        <translation>deduced</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="67"/>
        <source>勾稽关系：每一列中，第一项加第二项之和，等于第三项（七）总计加第四项之和。</source>
        <translation>Balance: in every column, item 1 plus item 2 equals item 3 (七, total) plus item 4.</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="68"/>
        <source>每一列中，（七）总计等于本年度各项办理结果之和。</source>
        <translation>In every column, (七) total equals the sum of this year&apos;s results.</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="69"/>
        <source>每一行中，总计等于各类申请人之和。</source>
        <translation>In every row, the total equals the sum over all kinds of applicants.</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="70"/>
        <source>行政复议、行政诉讼每一部分中，总计等于结果维持、结果纠正、其他结果、尚未审结之和。</source>
        <translation>In each part of reviews and lawsuits, the total equals upheld + corrected + other + pending.</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="71"/>
        <source>空白或「/」「-」「无」不等于0：没有的项请填0。</source>
        <translation>A blank or 「/」「-」「无」 is not 0: type 0 where there is nothing.</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="72"/>
        <source>这里应填非负整数（本年增/减可为负数，金额可有小数）。</source>
        <translation>A non-negative whole number belongs here (the change may be negative; amounts may have decimals).</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="73"/>
        <source>文件中找不到这一格的数值。</source>
        <translation>The file has no value for this cell.</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="74"/>
        <source>处理决定数量恰好等于上一年项目数量加本年增/减，可能把列填错了。</source>
        <translation>The number of decisions equals last year&apos;s items plus this year&apos;s change: the columns may have been mixed up.</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="75"/>
        <source>金额以万元为单位，只填数字。</source>
        <translation>Amounts are in 万元 (10,000 yuan): type the number only.</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="232"/>
        <location filename="../../gui/form_model.py" line="263"/>
        <source>空白</source>
        <translation>blank</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="234"/>
        <source>缺失</source>
        <translation>missing</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="250"/>
        <source>空白（不等于0）</source>
        <translation>Blank (not 0)</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="250"/>
        <source>缺失：文件中没有这一格</source>
        <translation>Missing: the file does not have this cell</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="250"/>
        <source>不是有效数值</source>
        <translation>Not a valid number</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="252"/>
        <source>文件中：%1</source>
        <translation>In the file: %1</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="256"/>
        <source>（已修改）</source>
        <translation> (edited)</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="258"/>
        <source>说明：%1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="260"/>
        <source>位置：%1</source>
        <translation>Source: %1</translation>
    </message>
    <message>
        <location filename="../../gui/form_model.py" line="263"/>
        <source>建议更正：%1 → %2（%3）</source>
        <translation>Proposed correction: %1 → %2 (%3)</translation>
    </message>
</context>
<context>
    <name>LastYearActions</name>
    <message>
        <location filename="../../gui/actions/last_year.py" line="37"/>
        <source>选择上一年度的报告</source>
        <translation>Choose last year&apos;s report</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="55"/>
        <source>正在读取上一年度的报告…</source>
        <translation>Reading last year&apos;s report…</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="86"/>
        <source>已与上一年度的报告%1比对</source>
        <translation>Compared with last year&apos;s report %1</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="89"/>
        <source>无法读取上一年度的报告“%1”：%2</source>
        <translation>Cannot read last year&apos;s report “%1”: %2</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="91"/>
        <location filename="../../gui/actions/last_year.py" line="161"/>
        <source>上一年度的报告</source>
        <translation>Last year&apos;s report</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="95"/>
        <source>选择上一年度报告所在的文件夹</source>
        <translation>Choose the folder of last year&apos;s reports</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="108"/>
        <source>正在读取上一年度的报告（%1份）…</source>
        <translation>Reading last year&apos;s reports (%1)…</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="123"/>
        <source>按单位</source>
        <translation>by reporting body</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="124"/>
        <source>按文件名</source>
        <translation>by file name</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="129"/>
        <source>已配对%1份，未配对%2份。</source>
        <translation>%1 paired, %2 not paired.</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="130"/>
        <source>已配对：</source>
        <translation>Paired:</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="130"/>
        <source>未配对：</source>
        <translation>Not paired:</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="131"/>
        <source>与上一年度的报告配对</source>
        <translation>Pairing with last year&apos;s reports</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="162"/>
        <source>把“%1”作为当前报告上一年度的报告进行比对，还是作为新报告打开？</source>
        <translation>Compare the current report with “%1” as last year&apos;s report, or open it as a new report?</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="164"/>
        <source>作为上一年度的报告比对</source>
        <translation>Compare as last year&apos;s report</translation>
    </message>
    <message>
        <location filename="../../gui/actions/last_year.py" line="165"/>
        <source>作为新报告打开</source>
        <translation>Open as a new report</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="391"/>
        <source>年报校对</source>
        <translation>NianbaoCheck</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="393"/>
        <source>把年报文件或文件夹拖到这里，或用“文件 → 打开文件”。</source>
        <translation>Drop report files or folders here, or use File → Open Files.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="395"/>
        <source>还没有打开报告</source>
        <translation>No report open yet</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="405"/>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="412"/>
        <source>无法读取这个文件：
%1</source>
        <translation>This file cannot be read:
%1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="421"/>
        <source>%1年度</source>
        <translation>year %1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="425"/>
        <source>%1个错误，%2个警告，%3处建议更正</source>
        <translation>%1 errors, %2 warnings, %3 proposed corrections</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="428"/>
        <source>已修改%1格</source>
        <translation>%1 cells edited</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="445"/>
        <source>正在读取原文…</source>
        <translation>Reading the original…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="510"/>
        <source>此功能尚未安装</source>
        <translation>This feature is not installed yet</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="299"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="260"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="261"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="262"/>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="263"/>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="264"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="265"/>
        <source>最近打开(&amp;R)</source>
        <translation>&amp;Recent Files</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="266"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="268"/>
        <source>打开文件(&amp;O)…</source>
        <translation>&amp;Open Files…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="269"/>
        <source>打开文件夹(&amp;D)…</source>
        <translation>Open Fol&amp;der…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="270"/>
        <source>导出汇总表(&amp;S)…</source>
        <translation>Export &amp;Summary Workbook…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="271"/>
        <source>导出更正后的模板(&amp;T)…</source>
        <translation>Export Corrected &amp;Template…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="272"/>
        <source>导出更正后的副本(&amp;C)…</source>
        <translation>Export &amp;Corrected Copy…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="273"/>
        <source>打印更正单(&amp;P)…</source>
        <translation>&amp;Print Correction Sheet…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="274"/>
        <source>更正单打印预览(&amp;V)…</source>
        <translation>Correction sheet print pre&amp;view…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="275"/>
        <source>导出更正单PDF(&amp;F)…</source>
        <translation>Export Correction Sheet as P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="276"/>
        <source>与上一年度的报告比对(&amp;Y)…</source>
        <translation>Compare with last year&apos;s report (&amp;Y)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="277"/>
        <source>按单位与上一年度的文件夹配对(&amp;G)…</source>
        <translation>Pair with last year&apos;s folder by body (&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="278"/>
        <source>取消与上一年度报告的比对</source>
        <translation>Stop comparing with last year&apos;s report</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="279"/>
        <source>关闭此报告(&amp;W)</source>
        <translation>&amp;Close This Report</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="280"/>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="281"/>
        <source>接受更正(&amp;A)</source>
        <translation>&amp;Accept Correction</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="282"/>
        <source>接受全部确定的更正(&amp;K)</source>
        <translation>Accept All Certain Corrections</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="283"/>
        <source>恢复文件中的值(&amp;R)</source>
        <translation>&amp;Restore the File&apos;s Value</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="284"/>
        <source>放弃此报告的全部修改(&amp;D)…</source>
        <translation>&amp;Discard All Edits of This Report…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="285"/>
        <source>下一个问题(&amp;N)</source>
        <translation>&amp;Next Problem</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="286"/>
        <source>上一个问题(&amp;P)</source>
        <translation>&amp;Previous Problem</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="287"/>
        <source>放大(&amp;I)</source>
        <translation>Zoom &amp;In</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="288"/>
        <source>缩小(&amp;O)</source>
        <translation>Zoom &amp;Out</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="289"/>
        <source>原始大小(&amp;Z)</source>
        <translation>Actual &amp;Size</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="290"/>
        <source>关于年报校对(&amp;A)</source>
        <translation>&amp;About NianbaoCheck</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="294"/>
        <source>撤销(&amp;U)</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="295"/>
        <source>重做(&amp;R)</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="296"/>
        <source>报告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="297"/>
        <source>问题和建议更正</source>
        <translation>Problems and Corrections</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="298"/>
        <source>原文</source>
        <translation>Original Text</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="430"/>
        <source>上一年度：%1</source>
        <translation>Last year: %1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="522"/>
        <source>更正后的副本只能从 Word（.docx）或 Excel（.xlsx）文件生成；请导出更正后的模板</source>
        <translation>A corrected copy can only be made of a Word (.docx) or Excel (.xlsx) file; export a corrected template instead</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="537"/>
        <source>关于年报校对</source>
        <translation>About NianbaoCheck</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="538"/>
        <source>年报校对：检查政府信息公开工作年度报告的统计表。
完全离线运行，不会上传任何文件。</source>
        <translation>NianbaoCheck checks the statistical tables of government information-disclosure annual reports.
It works entirely offline and never uploads a file.</translation>
    </message>
</context>
<context>
    <name>OpeningActions</name>
    <message>
        <location filename="../../gui/actions/opening.py" line="24"/>
        <source>打开年报</source>
        <translation>Open Reports</translation>
    </message>
    <message>
        <location filename="../../gui/actions/opening.py" line="33"/>
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/opening.py" line="36"/>
        <source>打开文件夹</source>
        <translation>Open Folder</translation>
    </message>
    <message>
        <location filename="../../gui/actions/opening.py" line="57"/>
        <source>文件夹中没有可检查的文件（Word、WPS、Excel、LibreOffice、文本、PDF 或网页）</source>
        <translation>The folder has no files to check (Word, WPS, Excel, LibreOffice, text, PDF or web pages)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/opening.py" line="118"/>
        <source>正在检查 %v / %m</source>
        <translation>Checking %v / %m</translation>
    </message>
    <message>
        <location filename="../../gui/actions/opening.py" line="125"/>
        <source>已取消，其余文件未打开</source>
        <translation>Cancelled; the remaining files were not opened</translation>
    </message>
    <message>
        <location filename="../../gui/actions/opening.py" line="127"/>
        <source>已打开 %1 份报告</source>
        <translation>%1 reports open</translation>
    </message>
    <message>
        <location filename="../../gui/actions/opening.py" line="144"/>
        <source>这个文件在打开后被其他程序修改了。这里显示的仍是打开时读到的内容，您的修改都保留着；如需检查新内容，请关闭此报告后重新打开。</source>
        <translation>This file was changed by another program after it was opened. What you see is still what was read when it was opened, and your edits are kept; to check the new content, close this report and open it again.</translation>
    </message>
    <message>
        <location filename="../../gui/actions/opening.py" line="149"/>
        <source>这个文件已被移动或删除。这里显示的仍是打开时读到的内容，您的修改都保留着；可以把更正后的副本导出到别处。</source>
        <translation>This file was moved or deleted. What you see is still what was read when it was opened, and your edits are kept; you can export a corrected copy elsewhere.</translation>
    </message>
    <message>
        <location filename="../../gui/actions/opening.py" line="169"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <location filename="../../gui/actions/printing.py" line="38"/>
        <source>导出更正单PDF</source>
        <translation>Export Correction Sheet as PDF</translation>
    </message>
    <message>
        <location filename="../../gui/actions/printing.py" line="38"/>
        <source>更正单</source>
        <translation>correction-sheet</translation>
    </message>
    <message>
        <location filename="../../gui/actions/printing.py" line="46"/>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <location filename="../../gui/report_list.py" line="54"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../gui/report_list.py" line="54"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../gui/report_list.py" line="54"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../gui/report_list.py" line="54"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../gui/report_list.py" line="60"/>
        <source>读取中…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../gui/report_list.py" line="62"/>
        <source>无法读取：%1</source>
        <translation>Unreadable: %1</translation>
    </message>
    <message>
        <location filename="../../gui/report_list.py" line="64"/>
        <source>正确</source>
        <translation>Correct</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/report_list.py" line="64"/>
        <source>%n个错误</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/report_list.py" line="67"/>
        <source>（已修改）</source>
        <translation> (edited)</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../gui/session.py" line="95"/>
        <source>修改 %1</source>
        <translation>Edit %1</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="105"/>
        <source>接受更正 %1</source>
        <translation>Accept correction %1</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="107"/>
        <source>接受%1处更正</source>
        <translation>Accept %1 corrections</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="114"/>
        <source>接受全部确定的更正（%1处）</source>
        <translation>Accept all certain corrections (%1)</translation>
    </message>
</context>
<context>
    <name>sheet</name>
    <message>
        <location filename="../../gui/sheet.py" line="167"/>
        <source>打印更正单</source>
        <translation>Print correction sheet</translation>
    </message>
    <message>
        <location filename="../../gui/sheet.py" line="181"/>
        <source>更正单打印预览</source>
        <translation>Correction sheet print preview</translation>
    </message>
</context>
</TS>
