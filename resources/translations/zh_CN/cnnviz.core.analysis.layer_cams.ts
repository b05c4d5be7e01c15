<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.layer_cams</name>
    <message>
      <location filename="cnnviz/core/analysis/layer_cams.py" />
      <source>the outputs of {names} change in place during the forward pass</source>
      <translation>{names} 的输出在前向传播中被原地修改</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_cams.py" />
      <source>layer {missing} did not run in the forward pass (or gave no tensor); choose a layer the model uses</source>
      <translation>层 {missing} 在前向传播中没有运行（或没有给出张量）；请选择模型实际用到的层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_cams.py" />
      <source>layer {key} gives {shape}: no spatial dimensions for {method}; choose a convolutional layer or block</source>
      <translation>层 {key} 给出的是 {shape}：没有可供 {method} 使用的空间维度；请选择一个卷积层或模块</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_cams.py" />
      <source>the model has no convolution, which Grad-CAM needs</source>
      <translation>模型中没有卷积层，而 Grad-CAM 需要卷积层</translation>
    </message>
  </context>
</TS>
