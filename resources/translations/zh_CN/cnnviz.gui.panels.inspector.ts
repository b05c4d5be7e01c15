<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.inspector</name>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Select a layer in the model tree</source>
      <translation>请在模型树中选择一层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Layer</source>
      <translation>层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>module {name}</source>
      <translation>模块 {name}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Output</source>
      <translation>输出</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Input</source>
      <translation>输入</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Parameters</source>
      <translation>参数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>MACs</source>
      <translation>乘加次数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Receptive field</source>
      <translation>感受野</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Children</source>
      <translation>子模块</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Inside</source>
      <translation>内部</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>What it means</source>
      <translation>这意味着什么</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Convolution (shared filters)</source>
      <translation>卷积（共享滤波器）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Dense conv (groups = 1)</source>
      <translation>普通卷积（groups = 1）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Fully connected</source>
      <translation>全连接</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>A fully connected layer needs &lt;b&gt;{ratio}×&lt;/b&gt; as many weights.</source>
      <translation>全连接层需要 &lt;b&gt;{ratio}×&lt;/b&gt; 的权重数量。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Weight sharing</source>
      <translation>权重共享</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Weights to turn the same input into the same output:</source>
      <translation>把同样的输入变成同样的输出所需的权重：</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>Unit (row {row}, col {col})</source>
      <translation>单元（第 {row} 行，第 {col} 列）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>sees the whole input</source>
      <translation>能看到整个输入</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>input rows {top}–{bottom}, cols {left}–{right}</source>
      <translation>输入的第 {top}–{bottom} 行，第 {left}–{right} 列</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>child</source>
      <translation>子模块</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>type</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inspector.py" />
      <source>params</source>
      <translation>参数</translation>
    </message>
  </context>
</TS>
