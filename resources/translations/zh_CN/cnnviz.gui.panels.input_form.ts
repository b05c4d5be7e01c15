<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.input_form</name>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>Class names (*.txt *.names *.csv);;All files (*)</source>
      <translation>类别名称 (*.txt *.names *.csv);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>guessed from the first convolution; change it and Apply</source>
      <translation>根据第一个卷积推测；可修改后点“应用”</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>as you described it</source>
      <translation>按你的描述</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>as the model describes it</source>
      <translation>按模型自身的描述</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>input size</source>
      <translation>输入尺寸</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>mean</source>
      <translation>均值</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>std</source>
      <translation>标准差</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>the classes file</source>
      <translation>类别文件</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>Class names, one a line</source>
      <translation>类别名称，每行一个</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>{field}: give 1 value, or one per channel</source>
      <translation>{field}：请给出 1 个值，或每个通道一个值</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>{field}: '{value}' is not a number</source>
      <translation>{field}：“{value}”不是数字</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>1 value, or one per channel</source>
      <translation>1 个值，或每个通道一个值</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>Classes file…</source>
      <translation>类别文件…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>Apply</source>
      <translation>应用</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>The model's own input description, or the guess</source>
      <translation>恢复模型自身的输入描述，或推测值</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>Mean</source>
      <translation>均值</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>Std</source>
      <translation>标准差</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>Classes</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>{guess}; change it and Apply</source>
      <translation>{guess}；可修改后点“应用”</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>{count} names</source>
      <translation>{count} 个名称</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>{count} names from {file}: {first}</source>
      <translation>来自 {file} 的 {count} 个名称：{first}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>{count} names: {first}</source>
      <translation>{count} 个名称：{first}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input_form.py" />
      <source>the classes file names {count} classes but the model has {outputs} outputs</source>
      <translation>类别文件列出了 {count} 个类别，但模型有 {outputs} 个输出</translation>
    </message>
  </context>
</TS>
