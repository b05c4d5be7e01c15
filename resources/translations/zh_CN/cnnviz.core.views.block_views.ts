<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.views.block_views</name>
    <message>
      <location filename="cnnviz/core/views/block_views.py" />
      <source>the {count} branches concatenated</source>
      <translation>{count} 个分支的拼接</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/block_views.py" />
      <source>{convs} of {branches}</source>
      <translation>对 {branches}做 {convs}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/block_views.py" />
      <source>F(x) = {what}{scaled}; output = {output}</source>
      <translation>F(x) = {what}{scaled}；输出 = {output}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/block_views.py" />
      <source>identity (x itself)</source>
      <translation>恒等（x 本身）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/block_views.py" />
      <source>shortcut: projection of x</source>
      <translation>捷径连接：x 的投影</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/block_views.py" />
      <source>output (after {activation})</source>
      <translation>输出（{activation} 之后）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/block_views.py" />
      <source>output</source>
      <translation>输出</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/block_views.py" />
      <source>residual F(x)</source>
      <translation>残差 F(x)</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/block_views.py" />
      <source>sum x + F(x)</source>
      <translation>和 x + F(x)</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/block_views.py" />
      <source>sum</source>
      <translation>和</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/block_views.py" />
      <source>input x ({key})</source>
      <translation>输入 x（{key}）</translation>
    </message>
  </context>
</TS>
